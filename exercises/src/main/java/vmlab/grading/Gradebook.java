package vmlab.grading;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The batch as a CSV gradebook (RFC 4180): one row per submission with its total, the maximum, one column per test cell,
 * the error that kept a submission from being graded, if any, and whether it ran in the grading sandbox (a gradebook
 * copied into a spreadsheet keeps that warning with each score).
 */
public final class Gradebook {

    private Gradebook() {
    }

    /** {@code sandboxed}: whether the batch's kernels ran in the grading sandbox ({@code vmlab grade --no-sandbox}: no). */
    public static String csv(Assignment assignment, List<SubmissionResult> results, boolean sandboxed) {
        List<String> gradeIds = assignment.tests().stream().map(t -> t.gradeId().orElseThrow()).toList();
        StringBuilder csv = new StringBuilder("submission,score,max_score,")
                .append(gradeIds.stream().map(Gradebook::quote).collect(Collectors.joining(","))).append(",error,sandboxed\r\n");
        for (SubmissionResult result : results) {
            csv.append(quote(result.submission())).append(',').append(number(result.score())).append(',')
                    .append(number(result.maxScore()));
            for (String gradeId : gradeIds) {
                csv.append(',').append(number(result.score(gradeId)));
            }
            csv.append(',').append(quote(result.error().orElse(""))).append(',').append(sandboxed ? "yes" : "NO")
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
