package vmlab.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vmlab.os.ProgressListener;

/**
 * The capstone's overhead ladder: one workload set (CPU-bound, system-call-bound, I/O-bound) on every rung, from native
 * Java to the interpreter, each measured warm, on this thread's CPU time, best of k.
 *
 * <pre>{@code
 * LadderResult ladder = OverheadLadder.standard().run();
 * ladder.table();            // rung, workload, best CPU ms, x native, samples, output
 * ladder.geometricMeans();   // rung -> one ratio over the three workloads (the summary chart's dots)
 * OverheadLadder.standard().rung(Rung.typeOne("Type-1 VM, assisted", HExtension::new))   // one more rung
 * }</pre>
 *
 * <p><b>How it measures.</b> Warm-up runs every (rung, workload) untimed, in rounds, until each has used {@link
 * #warmUpSeconds} of this thread's CPU time and its runs stop getting faster while HotSpot compiles nothing more (the
 * rule of lesson 03's {@link EngineLadder}), or {@link #maxWarmUpSeconds} of wall time have passed, whichever comes
 * first (the result says which): on a loaded machine the wall-time limit keeps a notebook cell within bounds. Then {@link #best} rounds of timed runs, each on this thread's CPU clock, so other programs on a shared machine
 * do not count; a rung's figure is its fastest run, the one least disturbed. Every sample is kept, and ratios are computed from them. HotSpot's compiler threads and the
 * garbage collector work on threads of their own and are not in these figures; nor is preparing a fresh host before each
 * run (a machine, a container host, a monitor). Starting the environment is: a process's exec, a container's creation,
 * a VM's boot. Every run's output is compared with native Java's transcript.
 */
public final class OverheadLadder {
    private final List<LadderWorkload> workloads;
    private final List<Rung> rungs = new ArrayList<>(Rung.today());
    private double warmUpSeconds = 0.5;
    private double maxWarmUpSeconds = 60;
    private int best = 5;
    private Consumer<LadderResult.Row> listener = row -> { };
    private ProgressListener progress = ProgressListener.NONE;

    private OverheadLadder(List<LadderWorkload> workloads) {
        this.workloads = List.copyOf(workloads);
    }

    /** The lesson's sizes ({@link LadderWorkload#standard()}): a minute or two for the six rungs of today. */
    public static OverheadLadder standard() {
        return new OverheadLadder(LadderWorkload.standard());
    }

    /** Small sizes and short warm-up: a few seconds, for tests and a first look (ratios are rougher). */
    public static OverheadLadder small() {
        return new OverheadLadder(LadderWorkload.small()).warmUpSeconds(0.05).maxWarmUpSeconds(5).best(3);
    }

    /** These workloads instead. */
    public static OverheadLadder of(LadderWorkload... workloads) {
        if (workloads.length == 0) {
            throw new IllegalArgumentException("a ladder needs at least one workload");
        }
        return new OverheadLadder(List.of(workloads));
    }

    /** One more rung, measured after the others (a new hypervisor mode, a Type-2 VM). */
    public OverheadLadder rung(Rung rung) {
        if (rungs.stream().anyMatch(r -> r.name().equals(rung.name()))) {
            throw new IllegalArgumentException("the ladder already has a rung named '" + rung.name() + "'");
        }
        rungs.add(rung);
        return this;
    }

    /** Only these rungs (by name), in this order; native Java must be among them, as every ratio divides by it. */
    public OverheadLadder only(String... names) {
        List<Rung> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(rungs.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no rung '" + name + "'; the ladder has " + rungNames())));
        }
        rungs.clear();
        rungs.addAll(chosen);
        return this;
    }

    /** CPU seconds each (rung, workload) runs untimed before it is measured (0: measure cold, after one run). */
    public OverheadLadder warmUpSeconds(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("warm-up of " + seconds + " s: need 0 or more");
        }
        this.warmUpSeconds = seconds;
        return this;
    }

    /** The most wall time warm-up may take, whatever else it waits for. */
    public OverheadLadder maxWarmUpSeconds(double seconds) {
        this.maxWarmUpSeconds = seconds;
        return this;
    }

    /** Timed runs per (rung, workload); the fastest is kept. */
    public OverheadLadder best(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("best of " + runs + " runs: need at least one");
        }
        this.best = runs;
        return this;
    }

    /** Hears each (rung, workload) as soon as it is measured. */
    public OverheadLadder onRow(Consumer<LadderResult.Row> listener) {
        this.listener = listener;
        return this;
    }

    public OverheadLadder progress(ProgressListener progress) {
        this.progress = progress;
        return this;
    }

    public List<String> rungNames() {
        return rungs.stream().map(Rung::name).toList();
    }

    public List<LadderWorkload> workloads() {
        return workloads;
    }

    /**
     * Measures every rung on every workload; native Java first, whatever the order given. Warm-up and timed runs go in
     * rounds over all (rung, workload) pairs rather than one pair after another: the rungs share code that HotSpot
     * compiles late on a busy machine (the block compiler under the container, the VM and the plain process), and in
     * rounds a late compilation or a disturbance falls on every rung alike instead of on whichever came first.
     */
    public LadderResult run() {
        List<Rung> order = new ArrayList<>(rungs);
        Rung nativeRung = order.stream().filter(r -> r instanceof NativeRung).findFirst().orElseThrow(() ->
                new IllegalStateException("the ladder needs its native Java rung: every ratio divides by it"));
        order.remove(nativeRung);
        order.add(0, nativeRung);
        List<Pair> pairs = new ArrayList<>();
        for (LadderWorkload workload : workloads) {
            for (Rung rung : order) {
                pairs.add(new Pair(rung, workload));
            }
        }
        int steps = pairs.size() * 2, step = 0;
        long wallStart = System.nanoTime();
        List<Long> compiling = new ArrayList<>();
        boolean warm;
        int round = 0;
        do {
            for (Pair pair : pairs) {
                progress.progress(Math.min(step, pairs.size() - 1), steps, "warm-up round " + (round + 1) + ": "
                        + pair.workload.kind() + " on " + pair.rung.name());
                pair.warmUpRound();
            }
            compiling.add(EngineLadder.compilationMillis());
            round++;
            warm = pairs.stream().allMatch(Pair::steady) && EngineLadder.compilerIdle(compiling);
        } while (warmUpSeconds > 0 && (pairs.stream().anyMatch(p -> p.warmCpuSeconds < warmUpSeconds) || !warm)
                && System.nanoTime() - wallStart < maxWarmUpSeconds * 1e9);
        step = pairs.size();
        for (int k = 0; k < best; k++) {
            for (Pair pair : pairs) {
                progress.progress(step + pairs.size() * k / best, steps, "timed run " + (k + 1) + " of " + best + ": "
                        + pair.workload.kind() + " on " + pair.rung.name());
                pair.timedRun(k, best);
            }
        }
        List<LadderResult.Row> rows = new ArrayList<>();
        for (Pair pair : pairs) {
            LadderResult.Row row = new LadderResult.Row(pair.rung.name(), pair.rung.runsOn(), pair.workload.toString(),
                    pair.cpu, pair.wall, pair.last.guestInstructions(), pair.last.output(), pair.warmTimes.size());
            rows.add(row);
            listener.accept(row);
        }
        boolean enough = pairs.stream().allMatch(p -> p.warmCpuSeconds >= warmUpSeconds);
        return new LadderResult(rows, best, warmUpSeconds, round, warmUpSeconds == 0 || (warm && enough));
    }

    /** A rung on a workload, with the runs it has made so far. */
    private static final class Pair {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        /** The CPU time a warm-up round gives each pair at least: a short run (native fib) repeats within a round. */
        static final double ROUND_SECONDS = 0.01;

        final Rung rung;
        final LadderWorkload workload;
        final List<Double> warmTimes = new ArrayList<>();
        double warmCpuSeconds;
        double[] cpu, wall;
        Rung.Outcome last;

        Pair(Rung rung, LadderWorkload workload) {
            this.rung = rung;
            this.workload = workload;
        }

        void warmUpRound() {
            double spent = 0;
            do {
                Rung.Prepared prepared = rung.prepare(workload);
                long start = THREADS.getCurrentThreadCpuTime();
                checked(rung, workload, prepared.run());
                double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
                warmTimes.add(seconds);
                spent += seconds;
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("the ladder was interrupted");
                }
            } while (spent < ROUND_SECONDS);
            warmCpuSeconds += spent;
        }

        boolean steady() {
            return EngineLadder.steady(warmTimes);
        }

        void timedRun(int k, int of) {
            if (cpu == null) {
                cpu = new double[of];
                wall = new double[of];
            }
            Rung.Prepared prepared = rung.prepare(workload);
            long cpu0 = THREADS.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
            Rung.Outcome outcome = prepared.run();
            cpu[k] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            wall[k] = (System.nanoTime() - wall0) / 1e9;
            last = checked(rung, workload, outcome);
        }
    }

    private static Rung.Outcome checked(Rung rung, LadderWorkload workload, Rung.Outcome outcome) {
        if (outcome.exitStatus() != 0) {
            throw new IllegalStateException(workload.command() + " on " + rung.name() + " exited with status "
                    + outcome.exitStatus() + ": " + LadderResult.abbreviate(outcome.output()));
        }
        return outcome;
    }
}
