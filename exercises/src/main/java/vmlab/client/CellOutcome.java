package vmlab.client;

import vmlab.notebook.Cell;

import java.time.Duration;

/**
 * What happened to one cell when a notebook ran.
 *
 * @param index   the cell's position in the notebook, from 0 (markdown cells count)
 * @param result  the kernel's answer, or null when the cell did not run
 */
public record CellOutcome(int index, Cell cell, Kind kind, Duration elapsed, ExecutionResult result) {

    public enum Kind {
        /** Ran without error. */
        OK,
        /** Raised an error, and was tagged {@code raises-exception}: an error the author meant to show. */
        EXPECTED_ERROR,
        /** Raised an error it was not expected to raise (or the kernel refused to run it). */
        UNEXPECTED_ERROR,
        /** Ran longer than the per-cell timeout and was interrupted. */
        TIMED_OUT,
        /** The kernel died while it ran. */
        KERNEL_DIED,
        /** Not run on purpose: tagged {@code skip-execution}, or empty. Its outputs are left as they were. */
        SKIPPED,
        /** Not run because an earlier cell failed; its outputs were cleared so none pretends to be fresh. */
        NOT_RUN
    }

    /** True when this cell makes the notebook's run fail. */
    public boolean failed() {
        return kind == Kind.UNEXPECTED_ERROR || kind == Kind.TIMED_OUT || kind == Kind.KERNEL_DIED;
    }

    /** True when the kernel ran (or started to run) this cell. */
    public boolean ran() {
        return result != null;
    }

    @Override
    public String toString() {
        return "cell " + (index + 1) + " " + kind.name().toLowerCase().replace('_', ' ')
                + (result == null ? "" : " in " + elapsed.toMillis() + " ms")
                + (failed() && result != null && result.errorName().isPresent()
                        ? ": " + result.errorName().get() + ": " + result.errorValue().orElse("") : "");
    }
}
