package vmlab.jupyter;

/**
 * The daemon thread that serves one channel (a kernel's shell, control, stdin, iopub or heartbeat echo; a client's
 * heartbeat pings) until it is asked to stop. Its loop checks {@link #running()} at least every
 * {@link JupyterSocket#STOP_CHECK_MS}, so {@link #stop()} returns quickly and nothing outlives a closed kernel.
 */
public final class ChannelThread {

    /** How long {@link #stop()} waits for the loop to end before it gives up on it (the thread is a daemon). */
    private static final long STOP_WAIT_MS = 2_000;

    private final Thread thread;
    private volatile boolean running = true;

    public ChannelThread(String name, Runnable loop) {
        this.thread = new Thread(loop, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** False once {@link #stop()} was called: the loop should end. */
    public boolean running() {
        return running;
    }

    /** Asks the loop to end and waits for it; called from the loop itself (a shutdown it handles), it only asks. */
    public void stop() {
        running = false;
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
