package vmlab.grading;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import vmlab.notebook.Notebook;
import vmlab.notebook.NotebookFormatException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Grades submissions of one assignment: each is restored on the source's skeleton, run in its own sandboxed kernel from a pool
 * of warm ones, and scored through the JUnit Platform. Up to {@code parallelism} submissions are graded at once. A submission
 * that cannot be graded (malformed, missing grade_id, another assignment) gets a zero with the reason, and the batch goes on.
 */
public final class Grader implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_HEAP_MB = 256;

    private final Assignment assignment;
    private final SessionPool pool;
    private final int parallelism;
    private final Duration defaultTimeout;

    public Grader(Assignment assignment, GradingSession.Factory kernels, Path workRoot, int parallelism, Duration defaultTimeout) {
        this.assignment = assignment;
        this.parallelism = Math.max(1, parallelism);
        this.defaultTimeout = defaultTimeout;
        this.pool = new SessionPool(kernels, workRoot, assignment.memoryMb(DEFAULT_HEAP_MB), this.parallelism);
    }

    public Assignment assignment() {
        return assignment;
    }

    /** Grades the submissions in parallel; results come back in the order given. */
    public List<SubmissionResult> gradeAll(List<Path> submissions) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<SubmissionResult>> futures = new ArrayList<>();
            for (Path submission : submissions) {
                futures.add(workers.submit(() -> grade(submission)));
            }
            List<SubmissionResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    results.add(SubmissionResult.failed(name(submissions.get(i)), "grading failed: " + e.getCause(),
                            assignment.maxScore(), 0));
                }
            }
            return results;
        } finally {
            workers.shutdownNow();
        }
    }

    public SubmissionResult grade(Path submission) {
        long start = System.nanoTime();
        String name = name(submission);
        try {
            return grade(name, Notebook.read(submission), start);
        } catch (NotebookFormatException | AssignmentException e) {
            return SubmissionResult.failed(name, e.getMessage(), assignment.maxScore(), seconds(start));
        }
    }

    /** Grades a notebook already in memory; {@code name} identifies it in reports. */
    public SubmissionResult grade(String name, Notebook submission) {
        long start = System.nanoTime();
        try {
            return grade(name, submission, start);
        } catch (NotebookFormatException | AssignmentException e) {
            return SubmissionResult.failed(name, e.getMessage(), assignment.maxScore(), seconds(start));
        }
    }

    private SubmissionResult grade(String name, Notebook submission, long start) {
        Restoration.Plan plan = Restoration.plan(assignment, submission);
        SubmissionRun run = new SubmissionRun(assignment, plan, pool, defaultTimeout);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestEngines(new NotebookTestEngine(name, assignment, run))
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(NotebookTestEngine.ID)))
                .build();
        GradeListener listener = new GradeListener();
        launcher.execute(request, listener);
        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(run.notes());
        if (listener.broken().isPresent()) {
            return SubmissionResult.failed(name, "grading failed: " + rootCause(listener.broken().get()), assignment.maxScore(),
                    seconds(start));
        }
        return new SubmissionResult(name, listener.outcomes(), notes, java.util.Optional.empty(), assignment.maxScore(),
                seconds(start));
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    static String name(Path submission) {
        String file = submission.getFileName().toString();
        return file.endsWith(".ipynb") ? file.substring(0, file.length() - 6) : file;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        pool.close();
    }
}
