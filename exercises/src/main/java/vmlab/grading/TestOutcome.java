package vmlab.grading;

/**
 * The result of one test cell for one submission, in the terms Gradescope and nbgrader share.
 *
 * @param output feedback for the student: the failure's message, or for a cell with hidden tests only that a hidden test failed
 */
public record TestOutcome(String gradeId, String name, int number, double score, double maxScore, Status status, String output,
                          Visibility visibility) {

    public enum Status {
        PASSED, PARTIAL, FAILED, TIMED_OUT, NOT_RUN;

        /** Gradescope's two statuses: only full marks pass. */
        public String gradescope() {
            return this == PASSED ? "passed" : "failed";
        }
    }
}
