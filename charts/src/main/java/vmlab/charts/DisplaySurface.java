package vmlab.charts;

import java.util.Objects;

/**
 * Where live charts and progress bars show themselves. The kernel installs one that speaks Jupyter's display_data and
 * update_display_data; without a kernel nothing is shown live and only the final object matters.
 */
public interface DisplaySurface {

    /** Shows {@code content} for the first time and returns the display id that later updates use. */
    String show(Object content);

    /** Replaces what the display with this id shows. */
    void update(String displayId, Object content);

    /** A surface that shows nothing: the default outside a kernel. */
    DisplaySurface NOWHERE = new DisplaySurface() {
        private int next;

        @Override
        public synchronized String show(Object content) {
            return "nowhere-" + next++;
        }

        @Override
        public void update(String displayId, Object content) {
        }
    };

    /** The surface the kernel installed, or {@link #NOWHERE}. */
    static DisplaySurface current() {
        return Installed.surface;
    }

    /** Called once by the kernel at start-up. */
    static void install(DisplaySurface surface) {
        Installed.surface = Objects.requireNonNull(surface);
    }

    /** Holder for the installed surface (interfaces cannot have mutable static fields). */
    final class Installed {
        private static volatile DisplaySurface surface = NOWHERE;

        private Installed() {
        }
    }
}
