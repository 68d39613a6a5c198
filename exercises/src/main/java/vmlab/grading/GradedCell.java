package vmlab.grading;

import org.junit.jupiter.api.Assertions;

/**
 * The wrapper the grading harness puts around a restored test cell before sending it to the student's kernel:
 * <pre>new vmlab.grading.GradedCell("NONCE") { protected Object run() throws Throwable { TEST CELL; return LAST; } }.verdict()</pre>
 * Two things make it hard to cheat. The assertions a test cell calls ({@code assertEquals}, ...) are inherited members of this
 * class, and Java resolves a member before any top-level method the student declared (JShell exposes those through imports), so
 * redefining {@code assertEquals} in an answer cell changes nothing. And the verdict is the cell's value, carrying a nonce that only
 * the harness knows and that appears nowhere but in this one cell's code: printing "passed" or any other output proves nothing.
 * A failing test throws, so the cell ends in error and the harness, outside this JVM, gives no points.
 */
public abstract class GradedCell extends Assertions {

    private final String nonce;
    private final int checks;
    private boolean inHiddenTests;
    /** The named check running now (the harness calls {@link #check} where the cell says {@code // CHECK:}); -1 before. */
    private int current = -1;

    protected GradedCell(String nonce) {
        this(nonce, 0);
    }

    /** A test cell with {@code checks} named checks: a failure ends the cell with a verdict saying how many passed. */
    protected GradedCell(String nonce, int checks) {
        this.nonce = nonce;
        this.checks = checks;
    }

    /** Named check number {@code index} (from 0) starts, so every check before it passed. */
    protected final void check(int index) {
        current = index;
    }

    /** The test cell's statements; its last expression, if it ends with one, is the value (a number means partial credit). */
    protected abstract Object run() throws Throwable;

    /** Marks where a hidden-test region starts, so a failure there is reported without its message. */
    protected final void enterHiddenTests() {
        inHiddenTests = true;
    }

    protected final void leaveHiddenTests() {
        inHiddenTests = false;
    }

    /** Runs the test; returns the sealed verdict if it passed, throws if it failed. */
    public final Verdict verdict() throws Throwable {
        Object value;
        try {
            value = run();
        } catch (Throwable failure) {
            if (checks > 0) {
                // The checks before the current one passed. A hidden check's message stays here: it could quote hidden source.
                return Verdict.failedCheck(nonce, Math.max(0, current), inHiddenTests ? "" : describe(failure));
            }
            if (inHiddenTests) {
                throw new HiddenTestFailure();
            }
            throw failure;
        }
        return new Verdict(nonce, value instanceof Number number ? number.doubleValue() : null);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName()
                : failure instanceof AssertionError ? failure.getMessage() : failure.getClass().getName() + ": " + failure.getMessage();
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** A failure inside a hidden-test region: the student learns that a hidden test failed, never what it checks. */
    public static final class HiddenTestFailure extends AssertionError {
        public HiddenTestFailure() {
            super("a hidden test failed");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
