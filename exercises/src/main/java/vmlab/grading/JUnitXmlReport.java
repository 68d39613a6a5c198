package vmlab.grading;

import java.util.Locale;

/**
 * A submission's grade as a JUnit XML report (the Ant/Surefire {@code testsuite} format CI servers read): one testcase per test
 * cell, a failure for anything short of full marks, skipped for cells not run; the score goes in properties.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String of(SubmissionResult result) {
        long failures = result.tests().stream().filter(t -> t.status() != TestOutcome.Status.PASSED
                && t.status() != TestOutcome.Status.NOT_RUN).count();
        long skipped = result.tests().stream().filter(t -> t.status() == TestOutcome.Status.NOT_RUN).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                escape(result.submission()), result.tests().size(), failures, result.error().isPresent() ? 1 : 0, skipped,
                result.seconds()));
        xml.append("  <properties>\n");
        xml.append(property("score", result.score())).append(property("max_score", result.maxScore()));
        result.notes().forEach(note -> xml.append("    <property name=\"note\" value=\"").append(escape(note)).append("\"/>\n"));
        xml.append("  </properties>\n");
        result.error().ifPresent(error -> xml.append("  <testcase classname=\"").append(escape(result.submission()))
                .append("\" name=\"notebook\"><error message=\"").append(escape(error)).append("\"/></testcase>\n"));
        for (TestOutcome test : result.tests()) {
            xml.append("  <testcase classname=\"").append(escape(result.submission())).append("\" name=\"")
                    .append(escape(test.name())).append("\">");
            switch (test.status()) {
                case PASSED -> { }
                case NOT_RUN -> xml.append("<skipped message=\"").append(escape(test.output())).append("\"/>");
                default -> xml.append("<failure message=\"").append(escape(firstLine(test.output()))).append("\" type=\"")
                        .append(test.status()).append("\">").append(escape(test.output())).append("</failure>");
            }
            xml.append("</testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private static String property(String name, double value) {
        return "    <property name=\"" + name + "\" value=\"" + value + "\"/>\n";
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** XML-escapes text, dropping the control characters XML 1.0 cannot hold (student output may contain them). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\r') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
