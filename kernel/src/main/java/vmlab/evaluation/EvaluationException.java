package vmlab.evaluation;

import java.util.List;

/** A cell that did not run to the end, described the way Jupyter shows errors: a name, a value and traceback lines. */
public abstract class EvaluationException extends Exception {

    static final String RED = "\u001b[0;31m";
    static final String BOLD_RED = "\u001b[1;31m";
    static final String CYAN = "\u001b[0;36m";
    static final String RESET = "\u001b[0m";

    protected EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Jupyter's {@code ename}: what kind of failure. */
    public abstract String ename();

    /** Jupyter's {@code evalue}: the one-line message. */
    public String evalue() {
        return getMessage() == null ? "" : getMessage();
    }

    /** Jupyter's {@code traceback}: lines (with ANSI colours) that explain the failure to a student. */
    public abstract List<String> traceback();
}
