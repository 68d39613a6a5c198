package vmlab.measure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.os.GuestCorpus;
import vmlab.machine.Machine;
import vmlab.os.LinuxProcess;
import vmlab.os.ProgressListener;

/**
 * The engines benchmark ({@code vmlab bench}, or a notebook cell): every workload under every configuration (reference
 * interpreter, fast interpreter, block compiler, {@code qemu-riscv32} when installed, and the same algorithm in Java),
 * with warm-up runs that are not counted and repeated runs whose median is reported.
 *
 * <pre>{@code
 * BenchmarkReport report = Benchmark.quick().progress(bar::progress).run();
 * report.table();      // Tablesaw: workload, configuration, instructions, seconds, MIPS, spread, ratios
 * report.targets();    // which of the targets are met, in words
 * }</pre>
 *
 * Times are wall-clock, for QEMU (a subprocess, start-up included) as for the engines, and CPU time (the whole JVM
 * process, JIT compiler and GC threads included; QEMU's user+system time through GNU time), which a loaded machine
 * disturbs much less. The reference interpreter runs
 * a smaller size of each workload (it is 50 to 100 times slower); MIPS stay comparable.
 */
public final class Benchmark {
    static final String REFERENCE = "reference interpreter", FAST = "fast interpreter", JIT = "block compiler",
            QEMU = "qemu-riscv32", NATIVE = "native Java";
    private static final int RAM = 64 << 20;

    private final boolean quick;
    private List<Workload> workloads = Workload.corpus();
    private ProgressListener listener = ProgressListener.NONE;
    private boolean useQemu = true;

    private Benchmark(boolean quick) {
        this.quick = quick;
    }

    /** Full sizes, one warm-up and three measured runs per configuration. */
    public static Benchmark full() {
        return new Benchmark(false);
    }

    /** Small sizes, one warm-up and one measured run: under a minute. */
    public static Benchmark quick() {
        return new Benchmark(true);
    }

    public Benchmark progress(ProgressListener listener) {
        this.listener = listener;
        return this;
    }

    /** Only these workloads (by name: fib, loop, sieve, quicksort, matmul, crc32). */
    public Benchmark workloads(String... names) {
        List<String> wanted = Arrays.asList(names);
        this.workloads = Workload.corpus().stream().filter(w -> wanted.contains(w.name())).toList();
        return this;
    }

    /** Leaves QEMU out even if it is installed. */
    public Benchmark withoutQemu() {
        this.useQemu = false;
        return this;
    }

    private int warmups() {
        return 1;
    }

    /**
     * The block compiler warms up twice (guest code to bytecode, then HotSpot's C1 and C2 on that bytecode, with a few
     * deoptimisations on the way), so it gets two warm-up runs; translations carry over between runs of the same program
     * because generated classes are shared between machines.
     */
    private int warmups(String configuration) {
        return configuration.equals(JIT) ? 2 : warmups();
    }

    private int repeats() {
        return quick ? 1 : 3;
    }

    public BenchmarkReport run() {
        Path qemu = useQemu ? QemuUser.find() : null;
        int perWorkload = 3 * (warmups() + repeats()) + 1 + (warmups() + 2 + repeats())
                + (qemu != null ? warmups() + repeats() : 0);
        Progress progress = new Progress(listener, (long) perWorkload * workloads.size());
        List<BenchmarkReport.Row> rows = new ArrayList<>();
        for (Workload w : workloads) {
            int size = w.size(quick);
            Sample.Series reference = engine(w, w.referenceSize(), ReferenceInterpreter::new, progress, REFERENCE);
            Sample.Series fast = engine(w, size, FastInterpreter::new, progress, FAST);
            Sample.Series jit = engine(w, size, BlockCompiler::new, progress, JIT);
            long instructions = fast.instructions();
            Sample.Series nativeJava = nativeRuns(w, size, instructions, progress);
            Sample.Series qemuRuns = qemu == null ? null : qemuRuns(qemu, w, size, instructions, progress);
            rows.add(new BenchmarkReport.Row(w.name(), REFERENCE, reference));
            rows.add(new BenchmarkReport.Row(w.name(), FAST, fast));
            rows.add(new BenchmarkReport.Row(w.name(), JIT, jit));
            if (qemuRuns != null) {
                rows.add(new BenchmarkReport.Row(w.name(), QEMU, qemuRuns));
            }
            rows.add(new BenchmarkReport.Row(w.name(), NATIVE, nativeJava));
        }
        return new BenchmarkReport(rows, qemu != null, quick);
    }

    private Sample.Series engine(Workload w, int size, Supplier<Engine> engines, Progress progress, String label) {
        Sample.Series series = new Sample.Series();
        int warmups = warmups(label);
        for (int k = 0; k < warmups + repeats(); k++) {
            progress.step(w.name() + " on the " + label + (k < warmups ? ", warm-up" : ", run " + (k - warmups + 1)));
            Machine machine = start(w.program(), size);
            Engine engine = engines.get();
            double cpuStarted = Sample.processCpuSeconds();
            long started = System.nanoTime();
            Stop stop = engine.run(machine, Long.MAX_VALUE);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = Sample.processCpuSeconds() - cpuStarted;
            if (stop == Stop.INTERRUPTED) {
                throw new IllegalStateException("the benchmark was interrupted");
            }
            if (stop != Stop.EXITED || machine.exitCode() != 0) {
                throw new IllegalStateException(w.program() + " " + size + " on the " + label + " did not exit cleanly: "
                        + stop + ", " + machine.exitReason());
            }
            if (k >= warmups) {
                series.add(new Sample(machine.hart.minstret, seconds, cpu));
            }
        }
        return series;
    }

    private Sample.Series nativeRuns(Workload w, int size, long instructions, Progress progress) {
        Sample.Series series = new Sample.Series();
        long checksum = 0;
        // Native code needs more warm-up than one run: HotSpot compiles it during the first few.
        for (int k = 0; k < warmups() + 2 + repeats(); k++) {
            progress.step(w.name() + " in native Java");
            double cpuStarted = Sample.processCpuSeconds();
            long started = System.nanoTime();
            checksum += w.nativeVersion().applyAsLong(size);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = Sample.processCpuSeconds() - cpuStarted;
            if (k >= warmups() + 2) {
                series.add(new Sample(instructions, seconds, cpu));
            }
        }
        series.checksum = checksum;
        return series;
    }

    private Sample.Series qemuRuns(Path qemu, Workload w, int size, long instructions, Progress progress) {
        Sample.Series series = new Sample.Series();
        try {
            Path elf = Files.createTempFile("vmlab-" + w.program(), ".elf");
            try {
                try (InputStream in = Benchmark.class.getResourceAsStream("/vmlab/guest/" + w.program() + ".elf")) {
                    Files.write(elf, in.readAllBytes());
                }
                elf.toFile().setExecutable(true, true); // qemu-riscv32 silently exits 1 on a file without x permission
                for (int k = 0; k < warmups() + repeats(); k++) {
                    progress.step(w.name() + " on " + QEMU);
                    double[] times = QemuUser.time(qemu, elf, List.of(String.valueOf(size)));
                    if (k >= warmups()) {
                        series.add(new Sample(instructions, times[0], times[1]));
                    }
                }
            } finally {
                Files.deleteIfExists(elf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the benchmark was interrupted", e);
        }
        return series;
    }

    /** A fresh machine with the program started as a Linux process, output discarded. */
    static Machine start(String program, int size) {
        Machine machine = new Machine(RAM);
        LinuxProcess.start(machine, GuestCorpus.program(program), List.of(program, String.valueOf(size)), Map.of(), null,
                LinuxProcess.Streams.of(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream()));
        return machine;
    }

    private static final class Progress {
        private final ProgressListener listener;
        private final long total;
        private long done;

        Progress(ProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        void step(String what) {
            listener.progress(done++, total, what);
        }
    }
}
