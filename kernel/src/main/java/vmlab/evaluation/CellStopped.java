package vmlab.evaluation;

/**
 * Thrown inside a cell, at its next loop back-edge or method entry, once the user has interrupted it (see
 * {@link InterruptCheckWeaver}). An {@link Error} so that a cell's {@code catch (Exception e)} does not swallow it; a cell
 * that catches it anyway is stopped again at its next check, because the interrupt stays pending until the cell ends.
 */
public final class CellStopped extends Error {

    private CellStopped() {
        // No stack trace: it is never shown, and a cell may be stopped many times over while it unwinds.
        super("the cell was interrupted", null, false, false);
    }

    /** Called by the interrupt check of woven cell code when an interrupt is pending. */
    public static void raise() {
        throw new CellStopped();
    }
}
