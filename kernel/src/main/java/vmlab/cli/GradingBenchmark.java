package vmlab.cli;

import vmlab.grading.Assignment;
import vmlab.grading.BubblewrapSandbox;
import vmlab.grading.GradingBatch;
import vmlab.grading.KernelSession;
import vmlab.grading.NbgraderMetadata;
import vmlab.grading.SubmissionResult;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark: grade N copies (default 100) of a generated E-exercise notebook (default 10) with {@code vmlab grade}'s machinery,
 * one kernel JVM per copy, as many at once as there are cores; prints the wall time. Target: 100 x 10 in at most 120 s on 2 cores.
 * <pre>java -cp kernel/target/vmlab.jar vmlab.cli.GradingBenchmark [COPIES] [EXERCISES]</pre>
 */
public final class GradingBenchmark {

    private GradingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int exercises = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int cores = Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("vmlab-grading-benchmark-");
        try {
            Path source = dir.resolve("exercises.ipynb");
            notebook(exercises).write(source);
            List<Path> submissions = new ArrayList<>();
            for (int i = 1; i <= copies; i++) {
                Path copy = dir.resolve("student-" + i + ".ipynb");
                Files.copy(source, copy);
                submissions.add(copy);
            }
            Assignment assignment = Assignment.read(source);
            long start = System.nanoTime();
            Path archive = Files.createDirectories(dir.resolve("cds"));
            List<SubmissionResult> results = GradingBatch.run(assignment, submissions, dir.resolve("out"),
                    KernelSession.sandboxed(GradeCommand.classpath(), VmLab.class.getName(),
                            BubblewrapSandbox.at(BubblewrapSandbox.defaultBwrap())).withClassDataSharing(archive), cores, Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            results.stream().filter(r -> r.error().isPresent()).limit(1).forEach(r -> System.out.println("not graded: " + r.error().get()));
            long full = results.stream().filter(r -> r.score() == assignment.maxScore()).count();
            double graderCpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
            double kernelCpu = KernelSession.cpuSeconds();
            System.out.printf(Locale.ROOT, "graded %d copies of a %d-exercise notebook on %d cores in %.1f s wall (%.2f s per "
                    + "submission); %d of %d got full marks%n", copies, exercises, cores, seconds, seconds / copies, full, copies);
            // On a shared machine the wall time says more about the neighbours than about grading; CPU time does not.
            System.out.printf(Locale.ROOT, "CPU: grader %.1f s, kernels %.1f s (%.2f s per kernel JVM); on %d idle cores that is "
                    + "about %.0f s wall%n", graderCpu, kernelCpu, kernelCpu / copies, cores, (graderCpu + kernelCpu) / cores);
        } finally {
            GradingBatch.deleteTree(dir);
        }
    }

    /** E exercises, each an answer cell and a test cell with visible and hidden tests, one point each. */
    static Notebook notebook(int exercises) {
        Notebook notebook = Notebook.create();
        notebook.add(Cell.code("import java.util.*;\nimport static org.junit.jupiter.api.Assertions.*;"));
        for (int n = 1; n <= exercises; n++) {
            notebook.add(Cell.markdown("## Exercise " + n + "\nWrite `long f" + n + "(long x)` returning " + n + "x + 1."));
            Cell answer = Cell.code("long f" + n + "(long x) {\n    // BEGIN SOLUTION\n    return " + n + " * x + 1;\n    // END SOLUTION\n}");
            NbgraderMetadata.answer("e" + n + "-answer").writeTo(answer);
            notebook.add(answer);
            Cell tests = Cell.code("assertEquals(" + (n + 1) + ", f" + n + "(1));\nassertEquals(1, f" + n + "(0));\n"
                    + "// BEGIN HIDDEN TESTS\nassertEquals(" + (n * 1000L + 1) + ", f" + n + "(1000));\n// END HIDDEN TESTS");
            NbgraderMetadata.tests("e" + n + "-tests", 1).writeTo(tests);
            notebook.add(tests);
        }
        return notebook;
    }
}
