package vmlab.display;

import static vmlab.html.HtmlText.escape;

import tech.tablesaw.api.Table;

/**
 * Tablesaw tables as an HTML table and as text. Big tables show their first and last rows only: a notebook with a
 * million-row table in it must still open.
 *
 * <p>The HTML is for reading: numbers with the precision of a measurement ({@link NumberCells}), right-aligned; text
 * left-aligned; short labels never broken over two lines. Notebook front ends right-align every cell by default, so the
 * alignment is written into each cell. The text/plain form keeps every digit, for copying and for the record.
 */
final class TableRenderer {

    static final int HEAD_ROWS = 20;
    static final int TAIL_ROWS = 5;
    /** Text longer than this may wrap; shorter labels ("quicksort 100") stay on one line. */
    static final int NO_WRAP_CHARS = 40;

    private static final String CELL = "padding:2px 8px;vertical-align:top;";

    private TableRenderer() {
    }

    static void registerIn(Renderers renderers) {
        renderers.register(Table.class, TableRenderer::render);
    }

    static MimeBundle render(Table table) {
        return new MimeBundle().with("text/plain", text(table)).with("text/html", html(table));
    }

    private static String text(Table table) {
        return table.rowCount() <= HEAD_ROWS + TAIL_ROWS ? table.printAll() : table.print(HEAD_ROWS + TAIL_ROWS);
    }

    /** "loop times · 3 rows × 1 column": counted in words that agree with the numbers. */
    static String caption(Table table) {
        String name = table.name() == null ? "" : table.name().strip();
        String size = plural(table.rowCount(), "row") + " \u00d7 " + plural(table.columnCount(), "column");
        return name.isEmpty() ? size : name + " \u00b7 " + size;
    }

    static String plural(int n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

    static String html(Table table) {
        int columns = table.columnCount();
        NumberCells[] numbers = new NumberCells[columns];
        for (int c = 0; c < columns; c++) {
            numbers[c] = NumberCells.of(table.column(c));
        }
        // The caption is a line above the table, not a <caption>: a caption is only as wide as its table and wraps
        // word by word above a narrow one.
        StringBuilder h = new StringBuilder("<div class=\"vmlab-table\">");
        h.append("<div style=\"white-space:nowrap;text-align:left;font-weight:bold;margin:0 0 4px 0\">")
                .append(escape(caption(table))).append("</div>");
        h.append("<table style=\"border-collapse:collapse;margin:0\"><thead><tr>");
        for (int c = 0; c < columns; c++) {
            h.append("<th style=\"").append(CELL).append(align(numbers[c] != null)).append("white-space:nowrap\">")
                    .append(escape(table.column(c).name())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        boolean truncated = rows > HEAD_ROWS + TAIL_ROWS;
        for (int r = 0; r < rows; r++) {
            if (truncated && r == HEAD_ROWS) {
                h.append("<tr><td colspan=\"").append(columns).append("\" style=\"").append(CELL)
                        .append("text-align:left\">\u2026 ").append(String.format(java.util.Locale.ROOT, "%,d",
                                rows - HEAD_ROWS - TAIL_ROWS)).append(" more rows \u2026</td></tr>");
                r = rows - TAIL_ROWS;
            }
            h.append("<tr>");
            for (int c = 0; c < columns; c++) {
                String text = numbers[c] != null ? numbers[c].text(r) : table.getString(r, c);
                boolean wrap = numbers[c] == null && text.length() > NO_WRAP_CHARS;
                h.append("<td style=\"").append(CELL).append(align(numbers[c] != null))
                        .append(numbers[c] != null ? "font-variant-numeric:tabular-nums;" : "")
                        .append(wrap ? "" : "white-space:nowrap").append("\">").append(escape(text)).append("</td>");
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table></div>").toString();
    }

    private static String align(boolean numeric) {
        return numeric ? "text-align:right;" : "text-align:left;";
    }
}
