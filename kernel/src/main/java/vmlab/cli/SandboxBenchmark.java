package vmlab.cli;

import vmlab.grading.BubblewrapSandbox;
import vmlab.grading.CellOutcome;
import vmlab.grading.GradingBatch;
import vmlab.grading.GradingSession;
import vmlab.grading.KernelSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark: what the grading sandbox costs per submission. Starts ROUNDS grading kernels in bubblewrap and as many without,
 * alternating (so both see the same machine), and times each from launch to the answer of its first cell ({@code 1 + 1}),
 * then its close. Prints the median and the best of each, and the difference.
 * <pre>java -cp kernel/target/vmlab.jar vmlab.cli.SandboxBenchmark [ROUNDS]</pre>
 */
public final class SandboxBenchmark {

    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        BubblewrapSandbox sandbox = BubblewrapSandbox.at(BubblewrapSandbox.defaultBwrap());
        var unavailable = sandbox.unavailable();
        if (unavailable.isPresent()) {
            System.out.println("cannot measure: " + unavailable.get());
            return;
        }
        String classpath = GradeCommand.classpath();
        GradingSession.Factory plain = KernelSession.unsandboxed(classpath, VmLab.class.getName());
        GradingSession.Factory boxed = KernelSession.sandboxed(classpath, VmLab.class.getName(), sandbox);
        Path dir = Files.createTempDirectory("vmlab-sandbox-benchmark-");
        try {
            time(plain, dir); // one of each to warm the file cache, not counted
            time(boxed, dir);
            List<Double> plainSeconds = new ArrayList<>();
            List<Double> boxedSeconds = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                plainSeconds.add(time(plain, dir));
                boxedSeconds.add(time(boxed, dir));
            }
            double plainMedian = median(plainSeconds);
            double boxedMedian = median(boxedSeconds);
            System.out.printf(Locale.ROOT, "kernel start to first answered cell, %d rounds, wall time:%n", rounds);
            System.out.printf(Locale.ROOT, "  unsandboxed  median %.3f s  best %.3f s%n", plainMedian, min(plainSeconds));
            System.out.printf(Locale.ROOT, "  bubblewrap   median %.3f s  best %.3f s%n", boxedMedian, min(boxedSeconds));
            System.out.printf(Locale.ROOT, "  sandbox cost median %+.3f s per kernel (%+.0f %%)%n", boxedMedian - plainMedian,
                    100 * (boxedMedian / plainMedian - 1));
        } finally {
            GradingBatch.deleteTree(dir);
        }
    }

    private static double time(GradingSession.Factory kernels, Path dir) throws Exception {
        Path workdir = Files.createTempDirectory(dir, "kernel-");
        long start = System.nanoTime();
        try (GradingSession session = kernels.start(workdir, 256)) {
            CellOutcome outcome = session.run("1 + 1", Duration.ofSeconds(120));
            if (!outcome.ok()) {
                throw new IllegalStateException("the first cell failed: " + outcome.error());
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
