package vmlab.exercises;

import org.junit.jupiter.api.Assertions;

/**
 * The wrapper the grading harness puts around a restored test cell before sending it to the student's kernel:
 * <pre>new vmlab.exercises.GradedCell("NONCE") { protected Object run() throws Throwable { TEST CELL; return LAST; } }.verdict()</pre>
 * Two things make it hard to cheat. The assertions a test cell calls ({@code assertEquals}, ...) are inherited members of this
 * class, and Java resolves a member before any top-level method the student declared (JShell exposes those through imports), so
 * redefining {@code assertEquals} in an answer cell changes nothing. And the verdict is the cell's value, carrying a nonce that only
 * the harness knows and that appears nowhere but in this one cell's code: printing "passed" or any other output proves nothing.
 * A failing test throws, so the cell ends in error and the harness, outside this JVM, gives no points.
 */
public abstract class GradedCell extends Assertions {

    private final String nonce;
    private boolean inHiddenTests;

    protected GradedCell(String nonce) {
        this.nonce = nonce;
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
            if (inHiddenTests) {
                throw new HiddenTestFailure();
            }
            throw failure;
        }
        return new Verdict(nonce, value instanceof Number number ? number.doubleValue() : null);
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
