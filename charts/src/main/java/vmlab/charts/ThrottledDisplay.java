package vmlab.charts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Shows something on a {@link DisplaySurface} once, then keeps it up to date as it changes, without slowing down the work
 * that changes it.
 *
 * <p>The measuring thread only calls {@link #changed()}: when an update is already pending that is one failed
 * compare-and-set, nothing more. Snapshots are taken and drawn on one shared background "painter" thread, at most one
 * update per {@code minInterval}, and never more often than {@link #MAX_RENDER_SHARE} of one core allows: after an
 * update that took 20 ms the next waits at least 20 ms / 5%. So even on a machine with a single free core the painter
 * cannot take more than about 5% away from the measurement it shows. {@link #finish()} always sends the final state, on
 * the caller's thread, so a saved notebook keeps it.
 */
final class ThrottledDisplay {

    /** The painter's most a display may take of one core, on average. */
    static final double MAX_RENDER_SHARE = 0.05;

    /** A cap that keeps the nanosecond arithmetic far from overflow, whatever interval is asked for. */
    private static final long MAX_WAIT_NANOS = TimeUnit.DAYS.toNanos(1);

    private static final ScheduledExecutorService PAINTER = Executors.newSingleThreadScheduledExecutor(task -> {
        // No inherited thread-locals: the painter outlives the cell that happened to start it, and must not keep
        // that cell's context (a kernel keeps the running cell's output channel in an inheritable thread-local).
        Thread thread = new Thread(null, task, "vmlab-live-display", 0, false);
        thread.setDaemon(true); // never keeps a kernel or a test JVM alive
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    private final DisplaySurface surface;
    private final Supplier<Object> snapshot;
    private final long minIntervalNanos;
    private final double maxRenderShare;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long earliestNextNanos;
    private volatile boolean finished;
    private volatile boolean shown;
    private String displayId;
    private int updates;
    private RuntimeException lastFailure;

    /**
     * @param snapshot builds the content to show from the current state; runs on the painter thread (and once on the
     *                 thread that calls {@link #finish()}), so it must copy what it reads under its own lock
     */
    ThrottledDisplay(DisplaySurface surface, Supplier<Object> snapshot, long minIntervalMillis) {
        this(surface, snapshot, minIntervalMillis, MAX_RENDER_SHARE);
    }

    /** @param maxRenderShare the most of one core the updates may take (tests use 1 to see the interval alone) */
    ThrottledDisplay(DisplaySurface surface, Supplier<Object> snapshot, long minIntervalMillis, double maxRenderShare) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("a minimum interval cannot be negative: " + minIntervalMillis + " ms");
        }
        if (!(maxRenderShare > 0 && maxRenderShare <= 1)) {
            throw new IllegalArgumentException("a share of a core is in (0, 1], not " + maxRenderShare);
        }
        this.maxRenderShare = maxRenderShare;
        this.surface = surface;
        this.snapshot = snapshot;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    /**
     * Something changed: schedule an update unless one is pending. Cheap enough to call on every measured point.
     *
     * <p>The very first change shows the display on the caller's thread: that is the notebook cell's thread, so the
     * kernel attaches the new output to the cell that is running. Later updates only name the display id.
     */
    void changed() {
        if (finished) {
            return;
        }
        if (!shown) {
            showNow();
            return;
        }
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, earliestNextNanos - System.nanoTime());
        PAINTER.schedule(this::paintPending, delay, TimeUnit.NANOSECONDS);
    }

    /** A change of looks (title, axes) only: redraw if already shown, else wait for the first data. */
    void restyled() {
        if (shown) {
            changed();
        }
    }

    /** Shows the current state now, on the caller's thread, if it is not shown yet. */
    synchronized void showNow() {
        if (displayId == null && !finished) {
            deliver();
        }
        // Even if the show failed: later tries belong on the painter thread, not in the measured loop.
        shown = true;
    }

    /** Sends the final state (always, even if nothing changed) and stops further updates. */
    void finish() {
        finished = true; // first, so that no new painter run is scheduled
        synchronized (this) {
            deliver();
        }
    }

    boolean isFinished() {
        return finished;
    }

    /** The display id the surface gave, or null before the first show. */
    synchronized String displayId() {
        return displayId;
    }

    /** How many times the surface was asked to show or update. */
    synchronized int updates() {
        return updates;
    }

    private void paintPending() {
        // A change that arrived while the previous update was drawing was scheduled before that update set the next
        // earliest time; wait for it rather than follow right behind.
        long early = earliestNextNanos - System.nanoTime();
        if (early > 0 && !finished) {
            PAINTER.schedule(this::paintPending, early, TimeUnit.NANOSECONDS);
            return;
        }
        // Cleared before the snapshot, so a change that arrives while drawing schedules the next update.
        pending.set(false);
        synchronized (this) {
            if (!finished) { // after the final update nothing may follow it
                deliver();
            }
        }
    }

    /** Takes a snapshot and shows it (first time) or updates the display; caller holds the lock. */
    private void deliver() {
        boolean first = displayId == null;
        long startCpu = cpuNanos();
        long start = System.nanoTime();
        try {
            Object content = snapshot.get();
            if (displayId == null) {
                displayId = surface.show(content);
            } else {
                surface.update(displayId, content);
            }
            updates++;
        } catch (RuntimeException e) {
            // A display that fails (a closed front end, a rendering bug) must not stop the measurement it shows.
            if (lastFailure == null) {
                System.err.println("live display: update failed: " + e);
            }
            lastFailure = e;
        }
        // The budget counts CPU time, which is what the painter takes from the measurement; wall time would also
        // count waiting for a busy machine. The first drawing pays one-off warm-up (fonts, classes) and is not counted.
        long cpu = startCpu < 0 ? System.nanoTime() - start : cpuNanos() - startCpu;
        long wait = first ? minIntervalNanos : Math.max(minIntervalNanos, (long) (cpu / maxRenderShare));
        earliestNextNanos = System.nanoTime() + Math.min(wait, MAX_WAIT_NANOS);
    }

    /** CPU time of the current thread, or -1 where the JVM cannot tell. */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }
}
