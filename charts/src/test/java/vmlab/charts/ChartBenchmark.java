package vmlab.charts;

import java.util.Arrays;
import java.util.Locale;

import tech.tablesaw.api.Table;

/**
 * Prints how long charts take to draw and how much a live chart slows the loop it shows. Not a test: figures depend on
 * the machine. Run (from the repository root):
 *
 * <pre>
 * mvn -B -q -o -pl charts test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Djava.awt.headless=true -cp charts/target/classes:charts/target/test-classes:$(cat charts/target/cp.txt) \
 *     vmlab.charts.ChartBenchmark
 * </pre>
 *
 * Targets (issue 5): a 1,000-point line chart to PNG in 50 ms or less, an update in 30 ms or less, after warm-up; a live
 * chart slows the measured loop by 5% or less.
 */
public final class ChartBenchmark {

    private static final int WARM_UP = 150; // C2 needs this many drawings on a busy 2-core machine
    private static final int RUNS = 50;

    private ChartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cores available, load average %.1f, headless=%s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                java.awt.GraphicsEnvironment.isHeadless());
        Table table = SampleTables.warmUp(1000, 0.001);
        SeriesChart chart = Charts.timeSeries(table, "time", "mips").yAxis("speed", "MIPS").title("Warm-up");
        SeriesChart evenlySpaced = Charts.timeSeries(SampleTables.warmUp(1000), "time", "mips").title("Warm-up");

        report("1,000-point line chart -> PNG (1280x800 px)", timeMillis(i -> chart.title("run " + i).png()));
        // XChart puts ticks on data points when all x values are exactly evenly spaced, and pays for finding them.
        report("  same, x exactly evenly spaced", timeMillis(i -> evenlySpaced.title("run " + i).png()));
        report("1,000-point line chart -> SVG", timeMillis(i -> chart.title("run " + i).svg()));

        LiveChart live = new LiveChart("Warm-up", DisplaySurface.NOWHERE, 3_600_000); // no background redraws here
        for (int i = 0; i < 1000; i++) {
            live.add(table.doubleColumn("time").getDouble(i), table.doubleColumn("mips").getDouble(i));
        }
        int[] next = {1000};
        report("live update: +1 point, snapshot -> 2x PNG", timeMillis(i -> {
            live.add(next[0] * 0.01 + 0.0003, 200);
            next[0]++;
            live.snapshot().png();
        }));
        report("live update: +1 point, snapshot -> 1x draft", timeMillis(i -> {
            live.add(next[0] * 0.01 + 0.0003, 200);
            next[0]++;
            live.snapshot().draft().png();
        }));

        overhead();
    }

    /**
     * A measured loop of CPU-bound steps (a stand-in for guest runs), each reported to a live chart, against the same
     * loop with no chart. Runs alternate so that drifts in machine load hit both sides alike.
     */
    private static void overhead() {
        int points = 1000;
        int pairs = 11;
        double[] plain = new double[pairs];
        double[] withChart = new double[pairs];
        double[] ratio = new double[pairs];
        int updates = 0;
        loop(points, null); // warm-up of the work itself
        LiveChart warm = new LiveChart("warm-up", DisplaySurface.NOWHERE, 0).show(); // and of the live drawing path
        loop(points / 2, warm);
        warm.finish();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuAlone = 0;
        long cpuShown = 0;
        long drawingDuringLoops = 0;
        for (int pair = 0; pair < pairs; pair++) {
            // Pairs run back to back and alternate which goes first, so a change in the machine's load between
            // pairs does not count as overhead.
            boolean chartFirst = pair % 2 == 1;
            for (int side = 0; side < 2; side++) {
                boolean shown = (side == 0) == chartFirst;
                if (!shown) {
                    long cpu0 = os.getProcessCpuTime();
                    plain[pair] = loop(points, null);
                    cpuAlone += os.getProcessCpuTime() - cpu0;
                } else {
                    // As in a cell: the chart is created (and shown) before the measured loop starts.
                    LiveChart live = new LiveChart("overhead", DisplaySurface.NOWHERE,
                            LiveChart.DEFAULT_INTERVAL_MILLIS).show();
                    long drawnBefore = live.drawingCpuNanos();
                    long cpu0 = os.getProcessCpuTime();
                    withChart[pair] = loop(points, live);
                    cpuShown += os.getProcessCpuTime() - cpu0;
                    drawingDuringLoops += live.drawingCpuNanos() - drawnBefore;
                    live.finish();
                    updates += live.updates();
                }
            }
            ratio[pair] = withChart[pair] / plain[pair];
        }
        System.out.printf(Locale.ROOT, "measured loop, %d points (~1 ms of CPU each), %d pairs: alone median %.0f ms, with a "
                + "live chart median %.0f ms (%.1f display updates per run)%n", points, pairs, median(plain),
                median(withChart), updates / (double) pairs);
        System.out.printf(Locale.ROOT, "process CPU per run: %.0f ms alone, %.0f ms with a live chart (+%.1f%%), of which "
                + "drawing updates %.0f ms (%.1f%% of the loop's CPU)%n", cpuAlone / 1e6 / pairs, cpuShown / 1e6 / pairs,
                100.0 * (cpuShown - cpuAlone) / cpuAlone, drawingDuringLoops / 1e6 / pairs,
                100.0 * drawingDuringLoops / cpuAlone);
        System.out.printf(Locale.ROOT, "live chart overhead (wall clock, median of paired ratios): %+.1f%% (pairs range "
                + "%+.1f%% .. %+.1f%%); target <= 5%%%n", 100 * (median(ratio) - 1), 100 * (min(ratio) - 1),
                100 * (Arrays.stream(ratio).max().orElse(Double.NaN) - 1));
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** Returns milliseconds for {@code points} steps of about a millisecond of CPU each. */
    private static double loop(int points, LiveChart live) {
        long start = System.nanoTime();
        long state = 1;
        for (int i = 0; i < points; i++) {
            state = work(state);
            if (live != null) {
                live.add((System.nanoTime() - start) / 1e9, (state >>> 40) % 1000);
            }
        }
        if (state == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** One measured step: an LCG the JIT cannot remove, in its own method so it compiles the same in both loops. */
    private static long work(long state) {
        long s = state;
        for (int k = 0; k < 400_000; k++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
        }
        return s;
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    /** Wall-clock and CPU milliseconds of each measured run, after warm-up. */
    private record Timings(double[] wall, double[] cpu) {
    }

    private static Timings timeMillis(Step step) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            step.run(i);
        }
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            step.run(WARM_UP + i);
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
        }
        return new Timings(wall, cpu);
    }

    /**
     * Prints wall-clock and CPU time. On a machine shared with other work the wall clock includes waiting for a core;
     * the CPU time is what the drawing itself costs (JIT and GC threads are not counted in it).
     */
    private static void report(String what, Timings t) {
        double[] wall = t.wall().clone();
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%-44s wall median %6.1f ms, min %6.1f ms, p90 %6.1f ms | cpu median %6.1f ms%n",
                what, median(wall), wall[0], wall[(int) (wall.length * 0.9)], median(t.cpu()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
