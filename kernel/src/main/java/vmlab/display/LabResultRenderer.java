package vmlab.display;

import tech.tablesaw.api.Table;
import vmlab.html.HtmlText;
import vmlab.measure.BenchmarkReport;
import vmlab.timesharing.SessionResult;

/**
 * Lab results that are tables underneath (a time-sharing session, a benchmark report) are drawn by the table renderer,
 * so their numbers are rounded and aligned like every other table's. Their text/plain stays their own
 * {@code toString()}, with every digit.
 */
final class LabResultRenderer {

    private LabResultRenderer() {
    }

    static void registerIn(Renderers renderers) {
        renderers.register(SessionResult.class, session -> tables(session.toString(), session.summary()
                .setName("Time-sharing session"), session.users()));
        renderers.register(BenchmarkReport.class, report -> {
            MimeBundle tables = tables(report.toString(), report.table());
            String targets = report.targets().stream().map(t -> "<li>" + HtmlText.escape(t) + "</li>")
                    .reduce("", String::concat);
            return new MimeBundle().with("text/plain", report.toString())
                    .with("text/html", tables.data().get("text/html") + "<ul>" + targets + "</ul>");
        });
    }

    private static MimeBundle tables(String text, Table... tables) {
        StringBuilder html = new StringBuilder();
        for (Table table : tables) {
            html.append("<div style=\"margin:0 0 10px 0\">").append(TableRenderer.html(table)).append("</div>");
        }
        return new MimeBundle().with("text/plain", text).with("text/html", html.toString());
    }
}
