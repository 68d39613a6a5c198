package vmlab.grading;

import java.util.List;
import java.util.Locale;

/**
 * The friendly pass/fail table {@code Exercises.check("q1")} shows a student: one row per visible test cell of the exercise,
 * as text ({@link #toString()}) and as HTML ({@link #toHtml()}, which the kernel renders).
 */
public record CheckReport(String exercise, List<Row> rows, List<String> problems) {

    /** One test cell's result; {@code message} says what went wrong, in the test's own words. */
    public record Row(String test, boolean passed, double points, String message) {
    }

    public boolean allPassed() {
        return !rows.isEmpty() && rows.stream().allMatch(Row::passed);
    }

    public long passed() {
        return rows.stream().filter(Row::passed).count();
    }

    private String headline() {
        if (rows.isEmpty()) {
            return exercise + ": no visible tests found" + (problems.isEmpty() ? "" : " (" + problems.get(0) + ")");
        }
        return String.format(Locale.ROOT, "%s: %d of %d visible tests pass%s", exercise, passed(), rows.size(),
                allPassed() ? " - well done (hidden tests may check more when graded)" : " - keep going");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(headline()).append('\n');
        for (Row row : rows) {
            text.append(row.passed ? "  PASS  " : "  FAIL  ").append(row.test);
            if (!row.passed && !row.message.isBlank()) {
                text.append(": ").append(row.message.lines().findFirst().orElse(""));
            }
            text.append('\n');
        }
        problems.forEach(problem -> text.append("  note: ").append(problem).append('\n'));
        return text.toString();
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"vmlab-check\"><p><b>").append(escape(headline())).append("</b></p>");
        // Notebook front ends right-align every cell: text goes left by hand, the points stay on the right.
        String left = "<td style=\"text-align:left\">";
        html.append("<table><thead><tr><th style=\"text-align:left\">test</th><th style=\"text-align:left\">result</th>")
                .append("<th style=\"text-align:right\">points</th><th style=\"text-align:left\">why</th></tr></thead><tbody>");
        for (Row row : rows) {
            html.append("<tr>").append(left).append(escape(row.test)).append("</td><td style=\"text-align:left;color:")
                    .append(row.passed ? "#1a7f37\">&#10004; pass" : "#cf222e\">&#10008; fail")
                    .append("</td><td style=\"text-align:right\">")
                    .append(String.format(Locale.ROOT, "%.2f", row.points)).append("</td>").append(left)
                    .append(escape(row.passed ? "" : row.message)).append("</td></tr>");
        }
        html.append("</tbody></table>");
        problems.forEach(problem -> html.append("<p><i>").append(escape(problem)).append("</i></p>"));
        return html.append("</div>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
