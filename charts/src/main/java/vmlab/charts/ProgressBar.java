package vmlab.charts;

/**
 * A progress display for long lab work: a bar with count, rate and time left, shown once and updated in place. Its
 * {@link #progress(long, long, String)} has the shape of vm-lab's {@code ProgressListener}, so a cell hands it to any
 * lab API that runs many steps:
 *
 * <pre>{@code
 * var bar = Charts.progress("Benchmarks");
 * lab.runAll(bar::progress);
 * }</pre>
 *
 * <p>Updates are throttled like a {@link LiveChart}; reaching the total (or {@link #finish()}) sends the final state.
 */
public final class ProgressBar implements AutoCloseable {

    private final String label;
    private final ThrottledDisplay display;
    private final long startNanos = System.nanoTime();
    private long done;
    private long total = -1;
    private String what = "";
    private long lastNanos = startNanos;

    ProgressBar(String label, DisplaySurface surface, long minIntervalMillis) {
        this.label = label == null ? "" : label;
        this.display = new ThrottledDisplay(surface, last -> state(), minIntervalMillis);
    }

    /** Shows the bar now (at zero) instead of at the first step. */
    public ProgressBar show() {
        display.showNow();
        return this;
    }

    /**
     * Records progress; cheap enough to call on every step.
     *
     * @param total steps in all, or -1 when unknown
     */
    public void progress(long done, long total, String what) {
        boolean complete;
        synchronized (this) {
            this.done = done;
            this.total = total;
            this.what = what == null ? "" : what;
            this.lastNanos = System.nanoTime();
            complete = total > 0 && done >= total;
        }
        if (complete) {
            if (!display.isFinished()) {
                display.finish();
            }
        } else {
            display.changed();
        }
    }

    /** One more step done. */
    public void step(String what) {
        long next;
        long all;
        synchronized (this) {
            next = done + 1;
            all = total;
        }
        progress(next, all, what);
    }

    /** Sends the final state (always) and stops updating. */
    public void finish() {
        synchronized (this) {
            lastNanos = System.nanoTime();
        }
        if (!display.isFinished()) {
            display.finish();
        }
    }

    @Override
    public void close() {
        finish();
    }

    /** What the bar shows now. */
    public synchronized ProgressState state() {
        long until = display.isFinished() ? lastNanos : System.nanoTime();
        return new ProgressState(label, done, total, what, (until - startNanos) / 1e9);
    }

    /** How many times the display was shown or updated so far. */
    public int updates() {
        return display.updates();
    }

    public String toHtml() {
        return state().toHtml();
    }

    @Override
    public String toString() {
        return state().toString();
    }
}
