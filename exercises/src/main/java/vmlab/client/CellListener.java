package vmlab.client;

import vmlab.notebook.Cell;

/** Hears about each cell as a notebook runs, for a progress line or a live view. */
@FunctionalInterface
public interface CellListener {

    /** Called before a code cell is sent to the kernel. */
    default void starting(int index, Cell cell) {
    }

    /** Called once per cell, in order, when its fate is known (including skipped and not-run cells). */
    void finished(CellOutcome outcome);
}
