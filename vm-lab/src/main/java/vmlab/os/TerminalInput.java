package vmlab.os;

/**
 * Where a task's standard input comes from when it is a terminal: characters that arrive over time, so that a
 * {@code read} may have to wait. Times are simulated cycles (the CLINT's mtime).
 */
public interface TerminalInput {
    /** How many bytes a read could take now (a terminal in cooked mode offers whole lines). */
    int available(long now);

    /** Takes up to {@code max} of the bytes available now into {@code into}; answers how many. */
    int take(byte[] into, int max, long now);

    /**
     * When more input becomes readable, or {@link Long#MAX_VALUE} if the user has typed everything there is (then a read
     * with nothing available returns 0: end of file).
     */
    long nextInputAt(long now);
}
