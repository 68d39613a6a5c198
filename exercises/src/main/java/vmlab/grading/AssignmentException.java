package vmlab.grading;

/**
 * An assignment or a submission that cannot be graded as it stands: malformed nbgrader metadata, a missing grade_id, a notebook
 * of another assignment. The message says what is wrong and where; the batch reports it for that submission and goes on.
 */
public class AssignmentException extends RuntimeException {

    public AssignmentException(String message) {
        super(message);
    }

    public AssignmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
