package vmlab.os;

/**
 * Hears how far a long piece of lab work has got. Lab APIs that run many steps accept one, so a notebook cell can pass a
 * progress bar's method ({@code bar::progress}) without vm-lab knowing anything about displays.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Nobody is listening. */
    ProgressListener NONE = (done, total, what) -> { };

    /**
     * @param done  steps finished so far
     * @param total steps in all, or -1 when unknown
     * @param what  a short label of the current step ("fib on block compiler, repeat 3")
     */
    void progress(long done, long total, String what);
}
