package vmlab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code vmlab grade} does: grade every submission against the source and write, under the output folder,
 * {@code NAME/results.json} (Gradescope) and {@code NAME/junit.xml} per submission, {@code gradebook.csv} and {@code summary.txt}.
 * Kernel working directories go under {@code work/} and are removed afterwards.
 */
public final class GradingBatch {

    private GradingBatch() {
    }

    public static List<SubmissionResult> run(Assignment assignment, List<Path> submissions, Path out, GradingSession.Factory kernels,
                                             int parallelism, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory(out.toAbsolutePath(), "work-");
        List<SubmissionResult> graded;
        try (Grader grader = new Grader(assignment, kernels, work, parallelism, timeout)) {
            graded = grader.gradeAll(submissions);
        } finally {
            deleteTree(work);
        }
        Optional<String> warning = kernels.isolationWarning();
        List<SubmissionResult> results = warning.map(w -> graded.stream().map(r -> r.withNote(w)).toList()).orElse(graded);
        Set<String> used = new HashSet<>();
        for (SubmissionResult result : results) {
            String folder = result.submission();
            for (int n = 2; !used.add(folder); n++) {
                folder = result.submission() + "-" + n;
            }
            Path dir = out.resolve(folder);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.json"), GradescopeResults.of(result), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("junit.xml"), JUnitXmlReport.of(result), StandardCharsets.UTF_8);
        }
        Files.writeString(out.resolve("gradebook.csv"), Gradebook.csv(assignment, results, warning.isEmpty()), StandardCharsets.UTF_8);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.writeString(out.resolve("summary.txt"), warning.map(w -> "WARNING: " + w + "\n").orElse("")
                + GradingSummary.text(assignment, results, seconds), StandardCharsets.UTF_8);
        return results;
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
