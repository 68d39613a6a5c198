package vmlab.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The cell threw. The traceback keeps the frames of the cell and of the code it called, and cuts JShell's and the kernel's
 * own frames below them, which say nothing to a student.
 */
public final class CellFailedException extends EvaluationException {

    private static final int MAX_FRAMES = 25;

    private final String ename;

    CellFailedException(Throwable thrown) {
        super(thrown.getMessage(), thrown);
        this.ename = thrown.getClass().getName();
    }

    /** A failure JShell reports without a Java throwable, e.g. a call to a method whose body does not compile yet. */
    CellFailedException(String ename, String message) {
        super(message, null);
        this.ename = ename;
    }

    @Override
    public String ename() {
        return ename;
    }

    @Override
    public List<String> traceback() {
        List<String> lines = new ArrayList<>();
        if (getCause() == null) {
            lines.add(BOLD_RED + ename + RESET + ": " + evalue());
            return lines;
        }
        Throwable t = getCause();
        String prefix = "";
        int depth = 0;
        while (t != null && depth++ < 5) {
            lines.add(prefix + BOLD_RED + t.getClass().getName() + RESET + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            StackTraceElement[] frames = t.getStackTrace();
            int shown = 0;
            for (StackTraceElement frame : frames) {
                if (isBelowTheCell(frame)) {
                    break;
                }
                if (shown++ == MAX_FRAMES) {
                    lines.add("\t... " + (frames.length - MAX_FRAMES) + " more");
                    break;
                }
                lines.add("\tat " + describe(frame));
            }
            t = t.getCause() == t ? null : t.getCause();
            prefix = "Caused by: ";
        }
        return lines;
    }

    /** Frames from here down belong to reflection, JShell or the kernel, not to the student's code. */
    private static boolean isBelowTheCell(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.Method")
                || c.startsWith("vmlab.evaluation.") || c.startsWith("jdk.jshell.");
    }

    /** JShell compiles each snippet into a class {@code REPL.$JShell$12}; its line numbers refer to generated code. */
    private static String describe(StackTraceElement frame) {
        if (frame.getClassName().startsWith("REPL.$JShell$")) {
            String method = frame.getMethodName();
            return CYAN + (method.equals("do_it$") ? "(cell)" : method + "(cell)") + RESET;
        }
        return frame.toString();
    }
}
