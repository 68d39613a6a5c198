package vmlab.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {

    private static final Pattern CELL = Pattern.compile("<t[dh] style=\"([^\"]*)\">([^<]*)</t[dh]>");

    @Test
    void numbersSitOnTheRightOnOneLineAndTextOnTheLeft() {
        assertEquals("<td style=\"padding:2px 8px;font-family:monospace;text-align:right;white-space:nowrap\">1,234</td>",
                HtmlTable.number("1,234"));
        assertEquals("<td style=\"padding:2px 8px;font-family:monospace;text-align:left\">vm &lt;a&gt;</td>",
                HtmlTable.cell("vm <a>"));
        assertEquals("<th style=\"padding:2px 8px;white-space:nowrap;text-align:right\">exits</th>",
                HtmlTable.header("exits", true));
        assertEquals("<th style=\"padding:2px 8px;white-space:nowrap;text-align:left\">VM &amp; mode</th>",
                HtmlTable.header("VM & mode", false));
    }

    @Test
    void aTablesawTableAlignsEachColumnByItsType() {
        Table t = Table.create("t", StringColumn.create("rung", "native", "JIT <C2>"),
                DoubleColumn.create("x native", 1.0, 51.8), LongColumn.create("exits", 0, 12345));
        String html = HtmlTable.of(t);
        List<String> alignments = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Matcher cell = CELL.matcher(html);
        while (cell.find()) {
            alignments.add(cell.group(1).replaceAll(".*text-align:(\\w+).*", "$1"));
            texts.add(cell.group(2));
        }
        assertEquals(List.of("rung", "x native", "exits", "native", "1", "0", "JIT &lt;C2&gt;", "51.8", "12345"), texts);
        assertEquals(List.of("left", "right", "right", "left", "right", "right", "left", "right", "right"), alignments);
        assertTrue(html.startsWith("<table style=\"border-collapse:collapse\"><tr><th") && html.endsWith("</tr></table>"),
                html);
    }

    @Test
    void aKeyValueRowKeepsTheValuesLineBreaks() {
        assertEquals("<tr><td style='padding-right:1em;color:#555'>mounts</td><td><code>/ overlay<br>/proc &lt;proc&gt;"
                + "</code></td></tr>", HtmlTable.keyValueRow("mounts", "/ overlay\n/proc <proc>"));
        assertTrue(HtmlTable.keyValueRow("hostname", null).contains("<code></code>"), "a missing value is an empty cell");
    }
}
