package vmlab.evaluation;

/**
 * Thrown where a cell calls {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}: the kernel JVM is shared by
 * every cell (and, with the headless runner, by the runner itself), so a cell may end only itself.
 * An {@link Error} rather than an exception so that a cell's {@code catch (Exception e)} does not swallow it.
 */
public final class SystemExitRefused extends Error {

    private final int status;

    public SystemExitRefused(int status) {
        super("System.exit(" + status + ") was called from a cell; the kernel keeps running, your variables are kept");
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Called instead of {@code System.exit(status)} by rewritten cell bytecode. */
    public static void exit(int status) {
        throw new SystemExitRefused(status);
    }

    /** Called instead of {@code runtime.exit(status)} and {@code runtime.halt(status)} by rewritten cell bytecode. */
    public static void exit(Runtime runtime, int status) {
        throw new SystemExitRefused(status);
    }
}
