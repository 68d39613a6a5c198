package vmlab.charts;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Shows something on a {@link DisplaySurface} once, then keeps it up to date as it changes, without slowing down the work
 * that changes it.
 *
 * <p>The measuring thread only calls {@link #changed()}: when an update is already pending that is one failed
 * compare-and-set, nothing more. Snapshots are taken and drawn on one shared background "painter" thread, with two
 * limits:
 * <ul>
 * <li>at most one update per {@code minInterval}, and after an update that cost c of CPU time the next waits at least
 * c / {@link #MAX_RENDER_SHARE} of wall time: on a machine with a free core the painter runs beside the measurement and
 * takes nothing from it;</li>
 * <li>when the machine is saturated (load average at or above the number of cores) the painter competes with the
 * measurement for CPU, so it also waits until this process has done c / {@link #MAX_RENDER_SHARE} of CPU work since
 * the last update: the painter then takes at most 5% of the CPU this process gets, however little that is. A process
 * that is nearly idle (the measurement sleeps or waits for another process) might never earn that, so once it has used
 * under 5% of a core for {@link #MAX_QUIET_NANOS} the update goes out anyway.</li>
 * </ul>
 * {@link #finish()} always sends the final state, on the caller's thread, so a saved notebook keeps it.
 */
final class ThrottledDisplay {

    /** The painter's most a display may take of the CPU, on average. */
    static final double MAX_RENDER_SHARE = 0.05;

    /** How long a nearly idle process waits for an update on a saturated machine. */
    static final long MAX_QUIET_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** How often a pending update re-checks the CPU budget on a saturated machine. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean SYSTEM = ManagementFactory.getOperatingSystemMXBean();

    private final DisplaySurface surface;
    private final Function<Boolean, Object> snapshot;
    private final long minIntervalNanos;
    private final double maxRenderShare;
    private final BooleanSupplier machineSaturated;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long earliestNextNanos;
    private volatile long lastEndNanos;
    private volatile long processCpuAtLastNanos;
    private volatile long cpuBudgetNanos;
    private volatile boolean finished;
    private volatile boolean shown;
    private String displayId;
    private int updates;
    private RuntimeException lastFailure;

    /**
     * @param snapshot builds the content to show from the current state, told whether it is the final one; runs on the
     *                 painter thread (and on the threads that call {@link #showNow()} or {@link #finish()}), so it must
     *                 copy what it reads under its own lock
     */
    ThrottledDisplay(DisplaySurface surface, Function<Boolean, Object> snapshot, long minIntervalMillis) {
        this(surface, snapshot, minIntervalMillis, MAX_RENDER_SHARE, ThrottledDisplay::saturated);
    }

    /**
     * @param maxRenderShare   the most of the CPU the updates may take; 1 turns the CPU limits off (tests use it to see
     *                         the interval alone)
     * @param machineSaturated whether the painter competes with the measurement for CPU right now
     */
    ThrottledDisplay(DisplaySurface surface, Function<Boolean, Object> snapshot, long minIntervalMillis,
            double maxRenderShare,
            BooleanSupplier machineSaturated) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("a minimum interval cannot be negative: " + minIntervalMillis + " ms");
        }
        if (!(maxRenderShare > 0 && maxRenderShare <= 1)) {
            throw new IllegalArgumentException("a share of the CPU is in (0, 1], not " + maxRenderShare);
        }
        this.surface = surface;
        this.snapshot = snapshot;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        this.maxRenderShare = maxRenderShare;
        this.machineSaturated = machineSaturated;
    }

    /**
     * Something changed: schedule an update unless one is pending. Cheap enough to call on every measured point.
     *
     * <p>If nothing is shown yet, the change shows the display on the caller's thread: that is the notebook cell's
     * thread, so the kernel attaches the new output to the cell that is running. Later updates only name the display.
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
        schedule(earliestNextNanos - System.nanoTime());
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
            deliver(false);
        }
        // Even if the show failed: later tries belong on the painter thread, not in the measured loop.
        shown = true;
    }

    /** Sends the final state (always, even if nothing changed) and stops further updates. */
    void finish() {
        finished = true; // first, so that no new painter run is scheduled
        synchronized (this) {
            deliver(true);
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

    private void schedule(long delayNanos) {
        PAINTER.schedule(this::paintPending, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void paintPending() {
        if (finished) {
            return; // after the final update nothing may follow it
        }
        long now = System.nanoTime();
        // A change that arrived while the previous update was drawing was scheduled before that update set the next
        // earliest time; wait for it rather than follow right behind.
        if (now < earliestNextNanos) {
            schedule(earliestNextNanos - now);
            return;
        }
        if (!cpuBudgetEarned(now)) {
            schedule(RECHECK_NANOS);
            return;
        }
        // Cleared before the snapshot, so a change that arrives while drawing schedules the next update.
        pending.set(false);
        synchronized (this) {
            if (!finished) {
                deliver(false);
            }
        }
    }

    /** On a saturated machine: has this process done enough other work since the last update to pay for the next? */
    private boolean cpuBudgetEarned(long now) {
        long budget = cpuBudgetNanos;
        if (budget <= 0 || !machineSaturated.getAsBoolean()) {
            return true;
        }
        long processCpu = processCpuNanos();
        if (processCpu < 0) {
            return true;
        }
        long worked = processCpu - processCpuAtLastNanos;
        long quiet = now - lastEndNanos;
        // A process using under 5% of a core is waiting (a sleep, another process), not measuring on this CPU: a
        // drawing cannot slow it, and it might never earn the budget.
        boolean idle = quiet >= MAX_QUIET_NANOS && worked < quiet * maxRenderShare;
        return worked >= budget || idle;
    }

    /** Takes a snapshot and shows it (first time) or updates the display; caller holds the lock. */
    private void deliver(boolean last) {
        long startCpu = threadCpuNanos();
        long start = System.nanoTime();
        try {
            Object content = snapshot.apply(last);
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
        // Budgets count CPU time, which is what the painter takes from the measurement; wall time would also count
        // waiting for a busy machine. The cap keeps a cold first drawing (fonts, classes, JIT) from silencing the
        // display for long.
        long cost = startCpu < 0 ? System.nanoTime() - start : threadCpuNanos() - startCpu;
        long budget = maxRenderShare < 1 ? Math.min((long) (cost / maxRenderShare), MAX_QUIET_NANOS) : 0;
        long end = System.nanoTime();
        lastEndNanos = end;
        cpuBudgetNanos = budget;
        processCpuAtLastNanos = processCpuNanos();
        earliestNextNanos = end + Math.min(Math.max(minIntervalNanos, budget), MAX_WAIT_NANOS);
    }

    /** CPU time of the current thread, or -1 where the JVM cannot tell. */
    private static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** CPU time of the whole JVM process, or -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return SYSTEM instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** More runnable work than cores: the painter's CPU would come out of the measurement's. */
    static boolean saturated() {
        double load = SYSTEM.getSystemLoadAverage();
        return load >= SYSTEM.getAvailableProcessors();
    }
}
