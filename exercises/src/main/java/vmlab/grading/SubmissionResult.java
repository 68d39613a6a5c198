package vmlab.grading;

import java.util.List;
import java.util.Optional;

/**
 * One submission's grade: its tests, notes on what was restored, or an error that kept it from being graded at all (malformed
 * notebook, missing grade_id, wrong assignment), in which case it scores zero and the error says why.
 */
public record SubmissionResult(String submission, List<TestOutcome> tests, List<String> notes, Optional<String> error,
                               double maxScore, double seconds) {

    public static SubmissionResult failed(String submission, String error, double maxScore, double seconds) {
        return new SubmissionResult(submission, List.of(), List.of(), Optional.of(error), maxScore, seconds);
    }

    /** This result with one more note at the end (a warning every report of the batch carries). */
    public SubmissionResult withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new SubmissionResult(submission, tests, List.copyOf(more), error, maxScore, seconds);
    }

    public double score() {
        return tests.stream().mapToDouble(TestOutcome::score).sum();
    }

    public double score(String gradeId) {
        return tests.stream().filter(t -> t.gradeId().equals(gradeId)).mapToDouble(TestOutcome::score).sum();
    }
}
