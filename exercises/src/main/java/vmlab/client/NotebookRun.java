package vmlab.client;

import vmlab.notebook.Notebook;

import java.time.Duration;
import java.util.List;

/** The result of running a notebook: the notebook with its new outputs, and what happened to each cell. */
public record NotebookRun(Notebook notebook, List<CellOutcome> cells, Duration elapsed) {

    public NotebookRun {
        cells = List.copyOf(cells);
    }

    /** Cells the kernel ran (or started to run). */
    public long cellsRun() {
        return cells.stream().filter(CellOutcome::ran).count();
    }

    /** Cells that make the run fail: unexpected errors, timeouts, a dead kernel. */
    public List<CellOutcome> failures() {
        return cells.stream().filter(CellOutcome::failed).toList();
    }

    /** Errors the author meant to show (cells tagged raises-exception). */
    public long expectedErrors() {
        return cells.stream().filter(cell -> cell.kind() == CellOutcome.Kind.EXPECTED_ERROR).count();
    }

    public boolean succeeded() {
        return failures().isEmpty();
    }

    /** One line: cells run, errors, seconds. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d cells run, %d errors%s, %.1f s", cellsRun(), failures().size(),
                expectedErrors() == 0 ? "" : " (+" + expectedErrors() + " expected)", elapsed.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return notebook.origin() + ": " + summary();
    }
}
