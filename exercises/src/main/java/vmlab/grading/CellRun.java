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
public record CellRun(Status status, String stdout, Optional<String> result, String error) {

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

    public static CellRun ok(String stdout, Optional<String> result) {
        return new CellRun(Status.OK, stdout, result, "");
    }

    public static CellRun error(String stdout, String error) {
        return new CellRun(Status.ERROR, stdout, Optional.empty(), error);
    }

    public static CellRun timedOut(String stdout, boolean killed) {
        return new CellRun(killed ? Status.DEAD : Status.TIMED_OUT, stdout, Optional.empty(),
                killed ? "the cell ran out of time and did not stop; its kernel was killed" : "the cell ran out of time");
    }

    public static CellRun dead(String stdout, String why) {
        return new CellRun(Status.DEAD, stdout, Optional.empty(), why);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
