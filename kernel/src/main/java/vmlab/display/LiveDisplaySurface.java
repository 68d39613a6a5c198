package vmlab.display;

import vmlab.charts.DisplaySurface;

/** Lets live charts and progress bars (charts module, which knows nothing of Jupyter) update their display in place. */
public final class LiveDisplaySurface implements DisplaySurface {

    @Override
    public String show(Object content) {
        return Display.display(content);
    }

    @Override
    public void update(String displayId, Object content) {
        Display.updateDisplay(displayId, content);
    }
}
