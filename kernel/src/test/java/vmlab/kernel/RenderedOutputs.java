package vmlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import vmlab.notebook.MultilineText;

/**
 * What a student reads in an executed notebook's HTML outputs, checked the way a reader would: no measured value with
 * more digits than a measurement has, table sizes counted in words that agree with the numbers, and every table cell
 * aligned in the HTML itself (notebook front ends right-align every cell, text included): text on the left, numbers
 * on the right. The text/plain forms keep every digit on purpose and are not checked.
 */
final class RenderedOutputs {

    /** More digits than this in a rendered decimal is noise, not precision. */
    static final int MOST_SIGNIFICANT_DIGITS = 6;

    private static final Pattern DECIMAL = Pattern.compile("(?<![\\w.#-])\\d[\\d,]*\\.\\d+(?:[eE][-+]?\\d+)?");
    private static final Pattern ONE_PLURAL = Pattern.compile("\\b1 (rows|columns)\\b");
    private static final Pattern TABLE = Pattern.compile("<table\\b.*?</table>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr\\b[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t([dh])\\b([^>]*)>(.*?)</t[dh]>", Pattern.DOTALL);
    private static final Pattern ALIGN = Pattern.compile("text-align:\\s*(left|right|center)");
    /**
     * A number as a table shows one: digits with separators, a decimal part, a power of ten, a percent sign. Digits
     * padded with zeros ("00000513", lesson "03") are codes and names, not quantities.
     */
    private static final Pattern NUMBER = Pattern.compile("(?=.*\\d)[-\u2212]?(0|[1-9][\\d,]*)?(\\.\\d+)?(\u00d710\\S+)?\\s?%?");

    private RenderedOutputs() {
    }

    /** Everything wrong in the notebook's HTML outputs, one line each, naming the cell; empty when all is well. */
    static List<String> problems(JsonNode notebook) {
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : notebook.path("cells")) {
            index++;
            for (JsonNode output : cell.path("outputs")) {
                JsonNode html = output.path("data").path("text/html");
                if (html.isMissingNode()) {
                    continue;
                }
                String text = MultilineText.join(html);
                for (String problem : problems(text)) {
                    problems.add("cell " + index + ": " + problem);
                }
            }
        }
        return problems;
    }

    /** What is wrong in one piece of HTML. */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        String visible = visibleText(html);
        Matcher decimal = DECIMAL.matcher(visible);
        while (decimal.find()) {
            if (significantDigits(decimal.group()) > MOST_SIGNIFICANT_DIGITS) {
                problems.add("'" + decimal.group() + "' shows more digits than a measurement has");
            }
        }
        Matcher plural = ONE_PLURAL.matcher(visible);
        while (plural.find()) {
            problems.add("'1 " + plural.group(1) + "' in " + around(visible, plural.start()));
        }
        Matcher table = TABLE.matcher(html);
        while (table.find()) {
            problems.addAll(alignmentProblems(table.group()));
        }
        return problems;
    }

    /** Each column of a table: all numbers, right-aligned; any text, left-aligned; every cell says which. */
    private static List<String> alignmentProblems(String table) {
        List<List<String[]>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String[]> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                if (cell.group(2).contains("colspan")) {
                    cells = null; // a row that spans columns ("… 40 more rows …") is not part of any column
                    break;
                }
                Matcher align = ALIGN.matcher(cell.group(2));
                cells.add(new String[] {cell.group(1), align.find() ? align.group(1) : null,
                        visibleText(cell.group(3)).strip()});
            }
            if (cells != null) {
                rows.add(cells);
            }
        }
        List<String> problems = new ArrayList<>();
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        for (int c = 0; c < columns; c++) {
            boolean numeric = false;
            boolean text = false;
            for (List<String[]> cells : rows) {
                if (c < cells.size() && cells.get(c)[0].equals("d") && !cells.get(c)[2].isEmpty()) {
                    boolean number = NUMBER.matcher(cells.get(c)[2]).matches();
                    numeric |= number;
                    text |= !number;
                }
            }
            String wanted = numeric || text ? (numeric && !text ? "right" : "left") : null; // null: no body to judge by
            for (List<String[]> cells : rows) {
                if (c >= cells.size() || cells.get(c)[2].isEmpty()) {
                    continue;
                }
                String[] cell = cells.get(c);
                if (cell[1] == null) {
                    problems.add("'" + cell[2] + "' has no alignment of its own (the notebook would right-align it)");
                } else if (wanted != null && !cell[1].equals(wanted)) {
                    problems.add("'" + cell[2] + "' is aligned " + cell[1] + " in a column of "
                            + (wanted.equals("right") ? "numbers" : "text"));
                }
            }
        }
        return problems;
    }

    /** Significant digits of a decimal as written: "9.82" has 3, "0.000123" has 3, "12,345.6" has 6. */
    static int significantDigits(String decimal) {
        String mantissa = decimal.split("[eE]")[0].replace(",", "");
        return mantissa.replace(".", "").replaceFirst("^0+", "").length();
    }

    private static String visibleText(String html) {
        return html.replaceAll("(?s)<style\\b.*?</style>|<script\\b.*?</script>", " ").replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private static String around(String text, int at) {
        return "'" + text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 20)).strip() + "'";
    }
}
