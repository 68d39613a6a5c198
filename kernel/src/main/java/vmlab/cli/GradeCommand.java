package vmlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.grading.Assignment;
import vmlab.grading.AssignmentException;
import vmlab.grading.BubblewrapSandbox;
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
                + "are restored from the source by grade_id; each submission runs in its own kernel JVM, sandboxed by bubblewrap "
                + "(read-only system, a private size-limited working directory and /tmp, no network, its own PID namespace, "
                + "limits on memory, CPU time and processes), with a per-cell timeout. Where no sandbox can start, grading "
                + "refuses unless --no-sandbox is given, and then every report says so."},
        footer = {"", "Writes DIR/NAME/results.json (Gradescope), DIR/NAME/junit.xml, DIR/gradebook.csv and DIR/summary.txt.",
                "Exit codes: 0 all graded; 1 some submissions could not be graded (see the summary); 2 the source is malformed; "
                        + "3 no sandbox can start here (see docs/grading.md)."})
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

    @Option(names = "--no-sandbox", description = "Grade without bubblewrap: submissions run with your rights (reports say so).")
    private boolean noSandbox;

    @Option(names = "--bwrap", paramLabel = "PATH", description = "The bubblewrap executable (default: bwrap on the PATH).")
    private Path bwrap;

    @Override
    public Integer call() throws Exception {
        KernelSession.Launcher launcher;
        if (noSandbox) {
            launcher = KernelSession.unsandboxed(classpath(), VmLab.class.getName());
            System.err.println("vmlab grade: WARNING: " + KernelSession.NO_SANDBOX_NOTE);
        } else {
            BubblewrapSandbox sandbox = BubblewrapSandbox.at(bwrap == null ? BubblewrapSandbox.defaultBwrap() : bwrap);
            var unavailable = sandbox.unavailable();
            if (unavailable.isPresent()) {
                System.err.println("vmlab grade: refusing to grade without a sandbox: " + unavailable.get()
                        + "; to grade anyway, unisolated, add --no-sandbox");
                return 3;
            }
            launcher = KernelSession.sandboxed(classpath(), VmLab.class.getName(), sandbox);
        }
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
            GradingSession.Factory kernels = submissions.size() >= 4 ? launcher.withClassDataSharing(archive) : launcher;
            results = GradingBatch.run(assignment, submissions, out, kernels, workers, Duration.ofSeconds(timeoutSeconds));
        } finally {
            GradingBatch.deleteTree(archive);
        }
        System.out.print(GradingSummary.text(assignment, results, (System.nanoTime() - start) / 1e9));
        return results.stream().anyMatch(r -> r.error().isPresent()) ? 1 : 0;
    }

    /** This JVM's own class path, for kernels: vmlab.jar when run with -jar, the build's classes otherwise. */
    static String classpath() {
        String classpath = System.getProperty("java.class.path", "");
        if (classpath.isBlank()) {
            throw new IllegalStateException("cannot find this JVM's class path to start kernels from");
        }
        // Absolute, because each kernel runs in its own working directory.
        return java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }
}
