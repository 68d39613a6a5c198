package vmlab.grading;

import java.util.Optional;

/**
 * What running one cell produced, as structured data from the kernel's replies (not from parsing what the cell printed).
 *
 * @param status  how the run ended
 * @param stdout  what the cell printed (for feedback only; never used to decide a grade)
 * @param result  the {@code text/plain} of the cell's value, if it had one
 * @param error   the exception's type and message when it failed
 */
public record CellOutcome(Status status, String stdout, Optional<String> result, String error) {

    public enum Status {
        /** The cell ran to its end. */
        OK,
        /** It threw, or did not compile. */
        ERROR,
        /** It ran out of time and was stopped; the kernel survived. */
        TIMED_OUT,
        /** The kernel is gone: it exited, crashed, or had to be killed. */
        DEAD
    }

    public static CellOutcome ok(String stdout, Optional<String> result) {
        return new CellOutcome(Status.OK, stdout, result, "");
    }

    public static CellOutcome error(String stdout, String error) {
        return new CellOutcome(Status.ERROR, stdout, Optional.empty(), error);
    }

    public static CellOutcome timedOut(String stdout, boolean killed) {
        return new CellOutcome(killed ? Status.DEAD : Status.TIMED_OUT, stdout, Optional.empty(),
                killed ? "the cell ran out of time and did not stop; its kernel was killed" : "the cell ran out of time");
    }

    public static CellOutcome dead(String stdout, String why) {
        return new CellOutcome(Status.DEAD, stdout, Optional.empty(), why);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
