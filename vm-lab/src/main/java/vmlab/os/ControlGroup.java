package vmlab.os;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A control group in the cgroup v2 model: a node of a tree that limits and counts what its processes use, with the
 * interface files of Linux's three main controllers.
 *
 * <ul>
 *   <li>{@code cpu.max} ("quota period"): in every period the group's processes together may run for at most quota
 *   cycles; then the host kernel's scheduler leaves them off the CPU until the next period begins (throttling).</li>
 *   <li>{@code memory.max}: the frames of guest RAM charged to the group (page tables and pages, text loaded by the
 *   group) may not pass this many bytes. A page fault that would go over it wakes the OOM killer, which kills the faulting
 *   process with SIGKILL and counts it in {@code memory.events}.</li>
 *   <li>{@code pids.max}: a fork that would make more live processes than this fails with EAGAIN.</li>
 * </ul>
 *
 * Limits apply to the group and all its descendants (a child's charge is also its parent's). The lab's CPU counts cycles,
 * so quota and period are in cycles; {@link #cpuMax(double)} says it as Docker's {@code --cpus}.
 */
public final class ControlGroup {
    /** "max": no limit. */
    public static final long MAX = Long.MAX_VALUE;

    private final String name;
    private final ControlGroup parent;
    private final List<ControlGroup> children = new ArrayList<>();
    private long cpuQuota = MAX, cpuPeriod = 100_000;
    private long memoryMax = MAX;
    private long pidsMax = MAX;

    // statistics (cpu.stat, memory.current/peak/events, pids.current/peak/events)
    long cpuUsage, periodStart = -1, usedInPeriod, throttledUntil = -1;
    long periods, throttledPeriods, throttledCycles;
    long frames, peakFrames;
    long memoryMaxEvents, oomKills;
    long pids, peakPids, pidsMaxEvents;

    private ControlGroup(String name, ControlGroup parent) {
        this.name = name;
        this.parent = parent;
    }

    /** The root of a new hierarchy (each host kernel has one, holding every process that is in no other group). */
    public static ControlGroup root() {
        return new ControlGroup("/", null);
    }

    /** A child group, e.g. {@code root.child("docker-3f2a")}. */
    public ControlGroup child(String childName) {
        if (childName == null || !childName.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("a cgroup name is 1 to 64 letters, digits, '_', '.', ':' or '-', not '"
                    + childName + "'");
        }
        ControlGroup g = new ControlGroup(childName, this);
        children.add(g);
        return g;
    }

    // ---- limits -----------------------------------------------------------------------------------------------------

    /** cpu.max: at most {@code quota} cycles of CPU in every {@code period} cycles ({@link #MAX} quota: no limit). */
    public ControlGroup cpuMax(long quota, long period) {
        if (period < 1_000 || (quota != MAX && (quota < 100 || quota > period * 64))) {
            throw new IllegalArgumentException("cpu.max wants a period of at least 1000 cycles and a quota of at least 100, "
                    + "not '" + quota + " " + period + "'");
        }
        this.cpuQuota = quota;
        this.cpuPeriod = period;
        return this;
    }

    /** cpu.max as a share of one CPU, like Docker's {@code --cpus=0.5}, over the default period. */
    public ControlGroup cpuMax(double cpus) {
        if (!(cpus > 0) || cpus > 64) {
            throw new IllegalArgumentException("a CPU share is above 0 and at most 64, not " + cpus);
        }
        return cpuMax(Math.max(100, Math.round(cpus * cpuPeriod)), cpuPeriod);
    }

    /** memory.max in bytes ({@link #MAX}: no limit). Rounded down to whole 4 KiB pages. */
    public ControlGroup memoryMax(long bytes) {
        if (bytes < FrameAllocator.FRAME) {
            throw new IllegalArgumentException("memory.max must be at least one page (4096 bytes), not " + bytes);
        }
        this.memoryMax = bytes;
        return this;
    }

    /** pids.max ({@link #MAX}: no limit). */
    public ControlGroup pidsMax(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("pids.max must be at least 1, not " + max);
        }
        this.pidsMax = max;
        return this;
    }

    // ---- charging (the host kernel calls these) ------------------------------------------------------------------------

    /** Charges one frame; false (and a memory.events "max") if this group or an ancestor is at its memory.max. */
    boolean chargeFrame() {
        for (ControlGroup g = this; g != null; g = g.parent) {
            if ((g.frames + 1) * FrameAllocator.FRAME > g.memoryMax) {
                g.memoryMaxEvents++;
                return false;
            }
        }
        for (ControlGroup g = this; g != null; g = g.parent) {
            g.frames++;
            g.peakFrames = Math.max(g.peakFrames, g.frames);
        }
        return true;
    }

    void unchargeFrame() {
        for (ControlGroup g = this; g != null; g = g.parent) {
            g.frames--;
        }
    }

    /** memory.events is hierarchical in cgroup v2: an ancestor counts its descendants' OOM kills too. */
    void countOomKill() {
        for (ControlGroup g = this; g != null; g = g.parent) {
            g.oomKills++;
        }
    }

    /** A new process in the group; false (and a pids.events "max") if the group or an ancestor is at its pids.max. */
    boolean chargePid() {
        for (ControlGroup g = this; g != null; g = g.parent) {
            if (g.pids + 1 > g.pidsMax) {
                g.pidsMaxEvents++;
                return false;
            }
        }
        for (ControlGroup g = this; g != null; g = g.parent) {
            g.pids++;
            g.peakPids = Math.max(g.peakPids, g.pids);
        }
        return true;
    }

    void unchargePid() {
        for (ControlGroup g = this; g != null; g = g.parent) {
            g.pids--;
        }
    }

    /** Counts {@code cycles} of CPU used at simulated time {@code now}; may throttle this group or an ancestor. */
    void chargeCpu(long cycles, long now) {
        for (ControlGroup g = this; g != null; g = g.parent) {
            g.cpuUsage += cycles;
            if (g.cpuQuota != MAX) {
                g.enterPeriod(now);
                g.usedInPeriod += cycles;
                if (g.usedInPeriod >= g.cpuQuota && g.throttledUntil < now) {
                    g.throttledUntil = g.periodStart + g.cpuPeriod;
                    g.throttledPeriods++;
                    g.throttledCycles += g.throttledUntil - now;
                }
            }
        }
    }

    /** Until when (simulated cycle) this group or an ancestor is throttled, or -1 if its processes may run now. */
    long throttledUntil(long now) {
        long until = -1;
        for (ControlGroup g = this; g != null; g = g.parent) {
            if (g.throttledUntil > now) {
                until = Math.max(until, g.throttledUntil);
            }
        }
        return until;
    }

    /** How many cycles the group's processes may still run in the current period (over all ancestors). */
    long cpuLeft(long now) {
        long left = Long.MAX_VALUE;
        for (ControlGroup g = this; g != null; g = g.parent) {
            if (g.cpuQuota != MAX) {
                g.enterPeriod(now);
                left = Math.min(left, Math.max(0, g.cpuQuota - g.usedInPeriod));
            }
        }
        return left;
    }

    private void enterPeriod(long now) {
        if (periodStart < 0 || now >= periodStart + cpuPeriod) {
            long start = now - Math.floorMod(now, cpuPeriod);
            periods += periodStart < 0 ? 1 : (start - periodStart) / cpuPeriod;
            periodStart = start;
            usedInPeriod = 0;
        }
    }

    // ---- the interface files ------------------------------------------------------------------------------------------

    public String name() {
        return name;
    }

    /** The path in the hierarchy, e.g. "/docker-3f2a". */
    public String path() {
        if (parent == null) {
            return "/";
        }
        String up = parent.path();
        return (up.equals("/") ? "" : up) + "/" + name;
    }

    public ControlGroup parent() {
        return parent;
    }

    public List<ControlGroup> children() {
        return Collections.unmodifiableList(children);
    }

    /** The text of cpu.max, "max 100000" or "50000 100000". */
    public String cpuMax() {
        return (cpuQuota == MAX ? "max" : Long.toString(cpuQuota)) + " " + cpuPeriod;
    }

    public long cpuQuota() {
        return cpuQuota;
    }

    public long cpuPeriod() {
        return cpuPeriod;
    }

    public long memoryMax() {
        return memoryMax;
    }

    public long pidsMax() {
        return pidsMax;
    }

    /** cpu.stat usage: cycles run by the group's processes. */
    public long cpuUsage() {
        return cpuUsage;
    }

    /** cpu.stat nr_throttled: periods in which the group ran out of quota. */
    public long throttledPeriods() {
        return throttledPeriods;
    }

    /** cpu.stat throttled time, in cycles. */
    public long throttledCycles() {
        return throttledCycles;
    }

    /** cpu.stat nr_periods: periods in which the group had a quota and ran. */
    public long periods() {
        return periods;
    }

    /** memory.current in bytes. */
    public long memoryCurrent() {
        return frames * FrameAllocator.FRAME;
    }

    /** memory.peak in bytes. */
    public long memoryPeak() {
        return peakFrames * FrameAllocator.FRAME;
    }

    /** memory.events "max": how many times a charge was refused at memory.max. */
    public long memoryMaxEvents() {
        return memoryMaxEvents;
    }

    /** memory.events "oom_kill": processes the OOM killer ended in this group. */
    public long oomKills() {
        return oomKills;
    }

    public long pidsCurrent() {
        return pids;
    }

    public long pidsPeak() {
        return peakPids;
    }

    /** pids.events "max": forks refused at pids.max. */
    public long pidsMaxEvents() {
        return pidsMaxEvents;
    }

    /** The group's interface files as {@code cat} would show them, e.g. "memory.events" -> "max 3\noom_kill 1". */
    public java.util.Map<String, String> files() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("cpu.max", cpuMax());
        f.put("cpu.stat", String.format("usage_cycles %d%nnr_periods %d%nnr_throttled %d%nthrottled_cycles %d",
                cpuUsage, periods, throttledPeriods, throttledCycles));
        f.put("memory.max", memoryMax == MAX ? "max" : Long.toString(memoryMax / FrameAllocator.FRAME
                * FrameAllocator.FRAME));
        f.put("memory.current", Long.toString(memoryCurrent()));
        f.put("memory.peak", Long.toString(memoryPeak()));
        f.put("memory.events", String.format("max %d%noom_kill %d", memoryMaxEvents, oomKills));
        f.put("pids.max", pidsMax == MAX ? "max" : Long.toString(pidsMax));
        f.put("pids.current", Long.toString(pids));
        f.put("pids.events", "max " + pidsMaxEvents);
        return f;
    }

    @Override
    public String toString() {
        return String.format("cgroup %s (cpu.max %s, memory %,d of %s bytes, pids %d of %s)", path(), cpuMax(),
                memoryCurrent(), memoryMax == MAX ? "max" : String.format("%,d", memoryMax), pids,
                pidsMax == MAX ? "max" : Long.toString(pidsMax));
    }
}
