package vmlab.evaluation;

import java.util.ArrayList;
import java.util.List;

/** The cell does not compile: each problem with its line, the offending code and a caret under it. */
public final class CompilationException extends EvaluationException {

    /** One compiler message located in the cell. */
    public record Problem(int line, String code, int column, int length, String message) {
    }

    private final List<Problem> problems;

    CompilationException(List<Problem> problems) {
        super(problems.isEmpty() ? "the cell does not compile" : problems.get(0).message(), null);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String ename() {
        return "CompilationException";
    }

    @Override
    public List<String> traceback() {
        List<String> lines = new ArrayList<>();
        lines.add(BOLD_RED + "Compilation error" + RESET);
        for (Problem p : problems) {
            lines.add(CYAN + "line " + p.line() + ":" + RESET + " " + p.message().replace("\n", "\n    "));
            if (!p.code().isBlank()) {
                lines.add("    " + p.code());
                lines.add("    " + " ".repeat(Math.max(0, p.column())) + RED + "^" + "~".repeat(Math.max(0, p.length() - 1)) + RESET);
            }
        }
        return lines;
    }
}
