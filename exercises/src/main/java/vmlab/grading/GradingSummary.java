package vmlab.grading;

import java.util.List;
import java.util.Locale;

/** A few lines for the instructor: how many graded, the mean, per-test pass rates, and the submissions that could not be graded. */
public final class GradingSummary {

    private GradingSummary() {
    }

    public static String text(Assignment assignment, List<SubmissionResult> results, double wallSeconds) {
        StringBuilder text = new StringBuilder();
        List<SubmissionResult> graded = results.stream().filter(r -> r.error().isEmpty()).toList();
        text.append(String.format(Locale.ROOT, "%s: %d submissions, %d graded, %d could not be graded, in %.1f s%n",
                assignment.name(), results.size(), graded.size(), results.size() - graded.size(), wallSeconds));
        double mean = graded.stream().mapToDouble(SubmissionResult::score).average().orElse(0);
        text.append(String.format(Locale.ROOT, "mean score %.2f of %.2f%n", mean, assignment.maxScore()));
        for (Assignment.SourceCell test : assignment.tests()) {
            String gradeId = test.gradeId().orElseThrow();
            long full = graded.stream().filter(r -> r.score(gradeId) == test.points()).count();
            text.append(String.format(Locale.ROOT, "  %-24s %5.2f points, full marks in %d of %d%n", gradeId, test.points(), full,
                    graded.size()));
        }
        results.stream().filter(r -> r.error().isPresent())
                .forEach(r -> text.append("  not graded: ").append(r.submission()).append(": ").append(r.error().get()).append('\n'));
        return text.toString();
    }
}
