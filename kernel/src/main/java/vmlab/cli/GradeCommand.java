package vmlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.grading.Assignment;
import vmlab.grading.AssignmentException;
import vmlab.grading.GradingBatch;
import vmlab.grading.GradingSession;
import vmlab.grading.GradingSummary;
import vmlab.grading.KernelSession;
import vmlab.grading.SubmissionResult;
import vmlab.notebook.NotebookFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vmlab grade --source SOURCE.ipynb SUBMISSION.ipynb... --out DIR}: grades submissions, each in a sandboxed kernel JVM of
 * its own, and writes Gradescope results.json and JUnit XML per submission, a CSV gradebook and a summary.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade submissions against the instructor's source notebook. Locked and test cells (hidden tests included) "
                + "are restored from the source by grade_id; each submission runs in its own kernel JVM with a per-cell timeout, "
                + "a heap limit and no write access outside its working directory."},
        footer = {"", "Writes DIR/NAME/results.json (Gradescope), DIR/NAME/junit.xml, DIR/gradebook.csv and DIR/summary.txt.",
                "Exit codes: 0 all graded; 1 some submissions could not be graded (see the summary); 2 the source is malformed."})
public final class GradeCommand implements Callable<Integer> {

    @Option(names = "--source", paramLabel = "SOURCE.ipynb", required = true, description = "The instructor's notebook.")
    private Path source;

    @Parameters(paramLabel = "SUBMISSION.ipynb", arity = "1..*", description = "Student notebooks.")
    private List<Path> submissions;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the reports.")
    private Path out;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds a cell may run unless its metadata.vmlab.timeout_seconds says otherwise (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--parallel", paramLabel = "N", description = "Submissions graded at once (default: the number of cores).")
    private Integer parallel;

    @Override
    public Integer call() throws Exception {
        Assignment assignment;
        try {
            assignment = Assignment.read(source);
        } catch (NotebookFormatException | AssignmentException e) {
            System.err.println("vmlab grade: the source cannot be used: " + e.getMessage());
            return 2;
        }
        int workers = parallel == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, parallel);
        long start = System.nanoTime();
        Files.createDirectories(out);
        Path archive = Files.createTempDirectory(out.toAbsolutePath(), "cds-");
        List<SubmissionResult> results;
        try {
            // Worth it from a handful of submissions on: one archive run (~5 s) saves about 1.5 s per kernel.
            GradingSession.Factory kernels = submissions.size() >= 4 ? kernels().withClassDataSharing(archive) : kernels();
            results = GradingBatch.run(assignment, submissions, out, kernels, workers, Duration.ofSeconds(timeoutSeconds));
        } finally {
            GradingBatch.deleteTree(archive);
        }
        System.out.print(GradingSummary.text(assignment, results, (System.nanoTime() - start) / 1e9));
        return results.stream().anyMatch(r -> r.error().isPresent()) ? 1 : 0;
    }

    /** Kernel JVMs on this JVM's own class path: vmlab.jar when run with -jar, the build's classes otherwise. */
    static KernelSession.Launcher kernels() {
        String classpath = System.getProperty("java.class.path", "");
        if (classpath.isBlank()) {
            throw new IllegalStateException("cannot find this JVM's class path to start kernels from");
        }
        // Absolute, because each kernel runs in its own working directory.
        String absolute = java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return KernelSession.factory(absolute, VmLab.class.getName());
    }
}
