package vmlab.exercises;

/**
 * The value of a test cell that passed, as the harness reads it back from the cell's {@code text/plain} result:
 * {@code vmlab-verdict:NONCE:passed} or {@code vmlab-verdict:NONCE:passed:0.75} for partial credit.
 */
public final class Verdict {

    public static final String PREFIX = "vmlab-verdict:";

    private final String nonce;
    private final Double value;

    Verdict(String nonce, Double value) {
        this.nonce = nonce;
        this.value = value;
    }

    @Override
    public String toString() {
        return PREFIX + nonce + ":passed" + (value == null ? "" : ":" + value);
    }
}
