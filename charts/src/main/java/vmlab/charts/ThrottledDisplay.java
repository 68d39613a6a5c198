package vmlab.charts;

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

    private static final ScheduledExecutorService PAINTER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vmlab-live-display");
        thread.setDaemon(true); // never keeps a kernel or a test JVM alive
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    private final DisplaySurface surface;
    private final Supplier<Object> snapshot;
    private final long minIntervalNanos;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long earliestNextNanos;
    private volatile boolean finished;
    private String displayId;
    private int updates;
    private RuntimeException lastFailure;

    /**
     * @param snapshot builds the content to show from the current state; runs on the painter thread (and once on the
     *                 thread that calls {@link #finish()}), so it must copy what it reads under its own lock
     */
    ThrottledDisplay(DisplaySurface surface, Supplier<Object> snapshot, long minIntervalMillis) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("a minimum interval cannot be negative: " + minIntervalMillis + " ms");
        }
        this.surface = surface;
        this.snapshot = snapshot;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    /** Something changed: schedule an update unless one is pending. Cheap enough to call on every measured point. */
    void changed() {
        if (finished || !pending.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, earliestNextNanos - System.nanoTime());
        PAINTER.schedule(this::paintPending, delay, TimeUnit.NANOSECONDS);
    }

    /** Shows the current state now, on the caller's thread, if it is not shown yet. */
    synchronized void showNow() {
        if (displayId == null && !finished) {
            deliver();
        }
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
        long cost = System.nanoTime() - start;
        earliestNextNanos = System.nanoTime() + Math.max(minIntervalNanos, (long) (cost / MAX_RENDER_SHARE));
    }
}
