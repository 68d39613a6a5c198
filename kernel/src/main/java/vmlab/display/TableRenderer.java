package vmlab.display;

import tech.tablesaw.api.Table;

/**
 * Tablesaw tables as an HTML table (header, right-aligned numbers) and as text. Big tables show their first and last
 * rows only: a notebook with a million-row table in it must still open.
 */
final class TableRenderer {

    static final int HEAD_ROWS = 20;
    static final int TAIL_ROWS = 5;

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

    static String html(Table table) {
        StringBuilder h = new StringBuilder("<table class=\"vmlab-table\">");
        h.append("<caption>").append(escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows \u00d7 ").append(table.columnCount()).append(" columns)</caption>");
        h.append("<thead><tr>");
        for (String name : table.columnNames()) {
            h.append("<th>").append(escape(name)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        boolean truncated = rows > HEAD_ROWS + TAIL_ROWS;
        for (int r = 0; r < rows; r++) {
            if (truncated && r == HEAD_ROWS) {
                h.append("<tr><td colspan=\"").append(table.columnCount()).append("\">\u2026 ")
                        .append(rows - HEAD_ROWS - TAIL_ROWS).append(" more rows \u2026</td></tr>");
                r = rows - TAIL_ROWS;
            }
            h.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                boolean numeric = table.column(c).type().name().matches("INTEGER|LONG|SHORT|DOUBLE|FLOAT");
                h.append(numeric ? "<td style=\"text-align:right\">" : "<td>").append(escape(table.getString(r, c))).append("</td>");
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
