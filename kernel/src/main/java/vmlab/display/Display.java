package vmlab.display;

import java.util.UUID;

/**
 * What a notebook cell calls to show things; statically imported in every cell.
 * <pre>{@code
 * String id = display(table);      // shows the table now, returns its display id
 * updateDisplay(id, biggerTable);  // replaces it in place
 * clearOutput();                   // empties the cell's output
 * }</pre>
 */
public final class Display {

    /** The channel of the cell that started this thread; threads a cell starts inherit it. */
    private static final InheritableThreadLocal<DisplayChannel> CELL = new InheritableThreadLocal<>();
    /** For threads that did not come from a cell (e.g. a timer started by a library): the last cell's channel. */
    private static volatile DisplayChannel lastCell;

    private Display() {
    }

    /** Shows {@code value} with the best renderer; returns the id for {@link #updateDisplay}. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        channel().show(Renderers.standard().render(value), id);
        return id;
    }

    /** Replaces what the display with this id shows. */
    public static void updateDisplay(String displayId, Object value) {
        channel().update(Renderers.standard().render(value), displayId);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (smooth animations). */
    public static void clearOutput(boolean wait) {
        channel().clear(wait);
    }

    /** Shows {@code value} in Jupyter's pager instead of the cell output (long help texts). */
    public static void page(Object value) {
        channel().page(Renderers.standard().render(value));
    }

    /**
     * Asks the user for one line, with {@code prompt} next to the input box; works in notebooks, where
     * {@code System.console()} is null. Fails with an {@link java.io.UncheckedIOException} if the front end takes no input.
     */
    public static String input(String prompt) {
        return read(prompt, false);
    }

    /** Like {@link #input}, but the front end hides what is typed. */
    public static String password(String prompt) {
        return read(prompt, true);
    }

    private static String read(String prompt, boolean hidden) {
        try {
            return channel().readLine(prompt, hidden);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no input: " + e.getMessage(), e);
        }
    }

    /** Kernel side: the channel for cells run from this thread (and the threads they start) until {@link #unbind()}. */
    public static void bind(DisplayChannel channel) {
        CELL.set(channel);
        lastCell = channel;
    }

    public static void unbind() {
        CELL.remove();
    }

    static DisplayChannel channel() {
        DisplayChannel c = CELL.get();
        if (c == null) {
            c = lastCell;
        }
        return c == null ? DisplayChannel.CONSOLE : c;
    }
}
