package vmlab.grading;

/**
 * The value of a test cell that passed, as the harness reads it back from the cell's {@code text/plain} result:
 * {@code vmlab-verdict:NONCE:passed}, {@code vmlab-verdict:NONCE:passed:0.75} for partial credit, or for a cell of named
 * checks that failed {@code vmlab-verdict:NONCE:failed-check:2:MESSAGE} (checks 0 and 1 passed, check 2 failed with MESSAGE,
 * empty when the check is hidden).
 */
public final class Verdict {

    public static final String PREFIX = "vmlab-verdict:";

    private final String nonce;
    private final Double value;
    private final int checksPassed;
    private final String failure;

    Verdict(String nonce, Double value) {
        this(nonce, value, -1, null);
    }

    private Verdict(String nonce, Double value, int checksPassed, String failure) {
        this.nonce = nonce;
        this.value = value;
        this.checksPassed = checksPassed;
        this.failure = failure;
    }

    static Verdict failedCheck(String nonce, int checksPassed, String message) {
        return new Verdict(nonce, null, checksPassed, message);
    }

    @Override
    public String toString() {
        if (failure != null) {
            return PREFIX + nonce + ":failed-check:" + checksPassed + ":" + failure;
        }
        return PREFIX + nonce + ":passed" + (value == null ? "" : ":" + value);
    }
}
