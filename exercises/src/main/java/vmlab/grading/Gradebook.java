package vmlab.grading;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The batch as a CSV gradebook (RFC 4180): one row per submission with its total, the maximum, one column per test cell, and
 * the error that kept a submission from being graded, if any.
 */
public final class Gradebook {

    private Gradebook() {
    }

    public static String csv(Assignment assignment, List<SubmissionResult> results) {
        List<String> gradeIds = assignment.tests().stream().map(t -> t.gradeId().orElseThrow()).toList();
        StringBuilder csv = new StringBuilder("submission,score,max_score,")
                .append(gradeIds.stream().map(Gradebook::quote).collect(Collectors.joining(","))).append(",error\r\n");
        for (SubmissionResult result : results) {
            csv.append(quote(result.submission())).append(',').append(number(result.score())).append(',')
                    .append(number(result.maxScore()));
            for (String gradeId : gradeIds) {
                csv.append(',').append(number(result.score(gradeId)));
            }
            csv.append(',').append(quote(result.error().orElse(""))).append("\r\n");
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
