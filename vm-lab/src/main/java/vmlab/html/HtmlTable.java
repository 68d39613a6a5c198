package vmlab.html;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Table cells for a lab object's card. Notebook front ends right-align every table cell, text included, so each cell
 * carries its own alignment: text on the left, numbers on the right, where their digits line up. Every text given here
 * is escaped ({@link HtmlText#escape}).
 */
public final class HtmlTable {

    private HtmlTable() {
    }

    /** A column header, aligned like the column under it, never broken over two lines. */
    public static String header(String text, boolean numeric) {
        return "<th style=\"padding:2px 8px;white-space:nowrap;text-align:" + (numeric ? "right" : "left") + "\">"
                + HtmlText.escape(text) + "</th>";
    }

    /** A text cell, left-aligned, in the monospace a console or a name is read in; long text may wrap. */
    public static String cell(String text) {
        return "<td style=\"padding:2px 8px;font-family:monospace;text-align:left\">" + HtmlText.escape(text) + "</td>";
    }

    /** A number cell, right-aligned so its digits line up, and never broken over two lines. */
    public static String number(String text) {
        return "<td style=\"padding:2px 8px;font-family:monospace;text-align:right;white-space:nowrap\">"
                + HtmlText.escape(text) + "</td>";
    }

    /**
     * A whole Tablesaw table, column names as headers: numeric columns right-aligned ({@link #number}), the others
     * left-aligned ({@link #cell}), each value as the column prints it.
     */
    public static String of(Table table) {
        StringBuilder html = new StringBuilder("<table style=\"border-collapse:collapse\"><tr>");
        for (int col = 0; col < table.columnCount(); col++) {
            html.append(header(table.column(col).name(), numeric(table, col)));
        }
        html.append("</tr>");
        for (int row = 0; row < table.rowCount(); row++) {
            html.append("<tr>");
            for (int col = 0; col < table.columnCount(); col++) {
                String text = table.getString(row, col);
                html.append(numeric(table, col) ? number(text) : cell(text));
            }
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    /**
     * A two-cell row of a card's facts: the key in grey, the value as code, its line breaks kept (a mount table or a
     * uid map reads line by line).
     */
    public static String keyValueRow(String key, String value) {
        return "<tr><td style='padding-right:1em;color:#555'>" + HtmlText.escape(key) + "</td><td><code>"
                + HtmlText.escape(value).replace("\n", "<br>") + "</code></td></tr>";
    }

    private static boolean numeric(Table table, int col) {
        return table.column(col) instanceof NumericColumn<?>;
    }
}
