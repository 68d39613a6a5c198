package vmlab.measure;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.Machine;
import vmlab.os.GuestCorpus;
import vmlab.os.LinuxProcess;

/**
 * Lesson 03's overhead ladder: {@code fib(n)} as native Java, on the fast interpreter and on the reference interpreter, each
 * measured <em>warm</em>, in a fresh JVM (see {@link #run()}). "Warm" means that every configuration first runs, untimed, until it has used a set amount of this
 * thread's CPU time (half a second by default): long enough for HotSpot to compile the engine's own Java code, which lesson
 * 04 shows takes about a third of a second for the fast interpreter. Then it runs {@code best} more times, each timed on
 * this thread's CPU clock (other programs on a shared machine do not count), and the fastest run is kept, since it is the
 * one least disturbed.
 *
 * <pre>{@code
 * Table ladder = EngineLadder.fib(24).onRow(row -> chart.add(row)).run();
 * }</pre>
 *
 * Use a program of a few million instructions (fib(24): 2.2 million). A fresh machine costs the fast interpreter a fixed
 * set-up (its code-page and TLB tables): on fib(20), 0.3 million instructions, that set-up is about half of its time.
 */
public final class EngineLadder {
    public static final String NATIVE = "native Java", FAST = "fast interpreter", REFERENCE = "reference interpreter";
    private static final int RAM = 4 << 20;

    /** One configuration, measured: its best run's CPU time, the guest instructions of one run, and the runs it took. */
    public record Row(String configuration, double cpuSeconds, long instructions, int warmUpRuns) {
        /** Millions of guest instructions per CPU second (for native Java: the guest's instruction count, divided by its time). */
        public double mips() {
            return instructions / cpuSeconds / 1e6;
        }
    }

    private final int n;
    private double warmUpSeconds = 1.0;
    private int best = 5;
    private Consumer<Row> listener = row -> { };

    private EngineLadder(int n) {
        this.n = n;
    }

    /** The ladder on the corpus program {@code fib} with argument {@code n} (fib(24): about 2.2 million instructions). */
    public static EngineLadder fib(int n) {
        return new EngineLadder(n);
    }

    /** CPU seconds each configuration runs untimed before it is measured (0: measure cold). */
    public EngineLadder warmUpSeconds(double seconds) {
        this.warmUpSeconds = seconds;
        return this;
    }

    /** Timed runs per configuration; the fastest is kept. */
    public EngineLadder best(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("best of " + runs + " runs: need at least one");
        }
        this.best = runs;
        return this;
    }

    /** Hears each configuration as soon as it is measured (a live chart). */
    public EngineLadder onRow(Consumer<Row> listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Measures the three configurations in a fresh JVM, as JMH does, and returns one row each, with its slowdown relative to
     * native Java. Why a fresh JVM: HotSpot compiles the fast interpreter for the guest code it has seen so far, so in a
     * notebook's JVM what ran before changes the result. In one kernel we measured the warm fast interpreter at 238 MIPS on
     * a first ladder and 78 MIPS on a third, behind the reference interpreter's 109.
     */
    public Table run() {
        List<Row> rows = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), EngineLadder.class.getName(),
                String.valueOf(n), String.valueOf(warmUpSeconds), String.valueOf(best));
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder other = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] f = line.split("\t");
                    if (f.length == 5 && f[0].equals("row")) {
                        Row row = new Row(f[1], Double.parseDouble(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
                        rows.add(row);
                        listener.accept(row);
                    } else {
                        other.append(line).append('\n');
                    }
                }
            }
            int status = child.waitFor();
            if (status != 0 || rows.size() != 3) {
                throw new IllegalStateException("the ladder's JVM exited with status " + status + " after " + rows.size()
                        + " of 3 rows:\n" + other);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the ladder", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the ladder was interrupted", e);
        }
        return table(rows);
    }

    /** The ladder's JVM: measures, and prints one tab-separated line per configuration as soon as it is measured. */
    public static void main(String[] args) {
        EngineLadder ladder = fib(Integer.parseInt(args[0])).warmUpSeconds(Double.parseDouble(args[1])).best(Integer.parseInt(args[2]));
        ladder.onRow(row -> System.out.println("row\t" + row.configuration() + "\t" + row.cpuSeconds() + "\t" + row.instructions()
                + "\t" + row.warmUpRuns())).runHere();
    }

    /** Measures in this JVM (what {@link #main} does in the fresh one). */
    Table runHere() {
        long instructions = runGuest(ReferenceInterpreter::new);
        List<Row> rows = new ArrayList<>();
        rows.add(measure(NATIVE, instructions, () -> {
            // One call of fib(20) takes tens of microseconds natively: time a batch, so the CPU clock sees it.
            long sum = 0;
            for (int k = 0; k < 100; k++) {
                sum += NativeWorkloads.fib(n);
            }
            if (sum == 42) {                      // never true; keeps HotSpot from dropping the calls
                throw new AssertionError();
            }
            return 100;
        }));
        rows.add(measure(FAST, instructions, () -> {
            runGuest(FastInterpreter::new);
            return 1;
        }));
        rows.add(measure(REFERENCE, instructions, () -> {
            runGuest(ReferenceInterpreter::new);
            return 1;
        }));
        return table(rows);
    }

    private Table table(List<Row> rows) {
        double nativeSeconds = rows.get(0).cpuSeconds();
        return Table.create("fib(" + n + "), warm, best of " + best + " on thread CPU time",
                StringColumn.create("configuration", rows.stream().map(Row::configuration).toList()),
                DoubleColumn.create("CPU seconds", rows.stream().mapToDouble(Row::cpuSeconds).toArray()),
                LongColumn.create("guest instructions", rows.stream().mapToLong(Row::instructions).toArray()),
                DoubleColumn.create("MIPS", rows.stream().mapToDouble(r -> Math.round(r.mips() * 10) / 10.0).toArray()),
                DoubleColumn.create("x native", rows.stream().mapToDouble(r -> Math.round(r.cpuSeconds() / nativeSeconds * 10) / 10.0)
                        .toArray()),
                IntColumn.create("warm-up runs", rows.stream().mapToInt(Row::warmUpRuns).toArray()));
    }

    /**
     * {@code oneRun} does the work and returns how many times it did fib(n); the time is divided by that. Warm-up lasts at
     * least {@link #warmUpSeconds} of this thread's CPU time, and then until the runs stop getting faster (none of the last
     * {@value #STEADY_RUNS} beat the best before them by {@value #STEADY_GAIN_PERCENT}%, and HotSpot compiled nothing meanwhile):
     * HotSpot compiles on threads of its own, and on a busy machine they get CPU time late, so a fixed amount of warm-up can end before the compiled code
     * arrives. {@value #MAX_WARM_UP_SECONDS} s of wall time is the most it waits.
     */
    private Row measure(String configuration, long instructions, Supplier<Integer> oneRun) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int warmUpRuns = 0;
        long warmStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        List<Double> times = new ArrayList<>();
        List<Long> compiling = new ArrayList<>();
        while (threads.getCurrentThreadCpuTime() - warmStart < warmUpSeconds * 1e9
                || (warmUpSeconds > 0 && !(steady(times) && compilerIdle(compiling))
                    && System.nanoTime() - wallStart < MAX_WARM_UP_SECONDS * 1e9)) {
            long start = threads.getCurrentThreadCpuTime();
            int runs = oneRun.get();
            times.add((threads.getCurrentThreadCpuTime() - start) / 1e9 / runs);
            compiling.add(compilationMillis());
            warmUpRuns++;
        }
        double fastest = Double.MAX_VALUE;
        for (int k = 0; k < best; k++) {
            long start = threads.getCurrentThreadCpuTime();
            int runs = oneRun.get();
            fastest = Math.min(fastest, (threads.getCurrentThreadCpuTime() - start) / 1e9 / runs);
        }
        Row row = new Row(configuration, fastest, instructions, warmUpRuns);
        listener.accept(row);
        return row;
    }

    static final int STEADY_RUNS = 5;
    static final int STEADY_GAIN_PERCENT = 3;
    static final int MAX_WARM_UP_SECONDS = 30;

    /**
     * True when HotSpot compiled nothing during the last runs. The runs alone can look steady while C2 still compiles the
     * interpreter's loop on a starved compiler thread: measured on a busy machine, the fast interpreter then sat at the
     * reference interpreter's 100 MIPS, against about 240 once compiled.
     */
    static boolean compilerIdle(List<Long> compilationMillis) {
        int n = compilationMillis.size();
        return n > STEADY_RUNS && compilationMillis.get(n - 1).equals(compilationMillis.get(n - 1 - STEADY_RUNS));
    }

    static long compilationMillis() {
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    /** True when none of the last runs beat the best of the runs before them by more than the steady gain. */
    static boolean steady(List<Double> times) {
        if (times.size() < 2 * STEADY_RUNS) {
            return false;
        }
        double before = times.subList(0, times.size() - STEADY_RUNS).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double recent = times.subList(times.size() - STEADY_RUNS, times.size()).stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow();
        return recent > before * (1 - STEADY_GAIN_PERCENT / 100.0);
    }

    /** One run of fib(n) on a fresh machine; returns the guest instructions it retired. */
    private long runGuest(Supplier<Engine> engine) {
        Machine machine = new Machine(RAM);
        LinuxProcess.start(machine, GuestCorpus.program("fib"), List.of("fib", String.valueOf(n)), Map.of(), null,
                LinuxProcess.Streams.of(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream()));
        Stop stop = engine.get().run(machine, Long.MAX_VALUE);
        if (stop != Stop.EXITED || machine.exitCode() != 0) {
            throw new IllegalStateException("fib " + n + " did not exit cleanly: " + stop + ", " + machine.exitReason());
        }
        return machine.hart.minstret;
    }
}
