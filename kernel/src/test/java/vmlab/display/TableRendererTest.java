package vmlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** What a student reads in a rendered table: rounded measurements, a true caption, text and numbers aligned by type. */
class TableRendererTest {

    private static final Pattern CELL = Pattern.compile("<td style=\"([^\"]*)\">([^<]*)</td>");
    private static final Pattern HEADER = Pattern.compile("<th style=\"([^\"]*)\">([^<]*)</th>");

    /** Figures as lessons 00 and 01 produced them before rounding. */
    private static Table measurements() {
        return Table.create("where the cycles went",
                StringColumn.create("work", "users' instructions", "idle", "quicksort 100"),
                DoubleColumn.create("simulated seconds", 47.29463, 9.821510000000002, 2.9659162500000003),
                DoubleColumn.create("ns per number", 1.1764214285714287, 1.2978478928571428, 0.000123456789),
                DoubleColumn.create("instructions per s", 123456789.123, 98765.4321, 12.5),
                LongColumn.create("switches", 1_234_567L, 12L, 0L));
    }

    private static List<String[]> cells(String html) {
        List<String[]> cells = new ArrayList<>();
        Matcher m = CELL.matcher(html);
        while (m.find()) {
            cells.add(new String[] {m.group(1), m.group(2)});
        }
        return cells;
    }

    /** Significant digits of a rendered decimal: "9.82" has 3, "1.23×10⁸" has 3, "12,346" has 5. */
    private static int significantDigits(String text) {
        String mantissa = text.split("\u00d7")[0].replace(",", "").replace("-", "").replace("\u2212", "");
        String digits = mantissa.replace(".", "").replaceFirst("^0+", "");
        if (!mantissa.contains(".")) {
            digits = digits.replaceFirst("0+$", "");
        }
        return digits.length();
    }

    @Test
    void noMeasuredValueShowsMoreThanSixSignificantDigits() {
        String html = TableRenderer.html(measurements());
        int decimals = 0;
        for (String[] cell : cells(html)) {
            if (cell[1].matches("[-\u2212]?[0-9][0-9,]*(\\.[0-9]+)?(\u00d710.*)?")
                    && !cell[1].matches("[0-9,]+") || cell[1].contains(".")) {
                decimals++;
                assertTrue(significantDigits(cell[1]) <= 6, "'" + cell[1] + "' has too many digits");
            }
        }
        assertTrue(decimals >= 8, "the decimals were found: " + decimals + " in " + html);
        assertTrue(html.contains(">9.82<"), "idle 9.821510000000002 s shows as 9.82");
        assertTrue(html.contains(">1.18<") && html.contains(">1.30<"), "three digits, the trailing zero kept");
        assertTrue(html.contains(">1.23\u00d710\u2078<"), "a large value in powers of ten");
        assertTrue(html.contains(">1.23\u00d710\u207b\u2074<"), "a tiny value in powers of ten");
        assertTrue(html.contains(">98,765<"), "thousands show as whole units");
        assertTrue(html.contains(">1,234,567<"), "a count stays exact");
    }

    @Test
    void theFullValueStaysInTextAndInTheData() {
        Table table = measurements();
        MimeBundle bundle = TableRenderer.render(table);
        assertTrue(bundle.data().get("text/plain").contains("9.821510000000002"), bundle.data().get("text/plain"));
        assertEquals(9.821510000000002, table.doubleColumn("simulated seconds").get(1));
    }

    @Test
    void aColumnWhoseFormatWasChosenKeepsIt() {
        Table table = measurements();
        table.doubleColumn("simulated seconds").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(7));
        String html = TableRenderer.html(table);
        assertTrue(html.contains(">9.8215100<"), "asked for seven decimals: " + html);
    }

    @Test
    void theCaptionCountsInWordsThatAgreeWithTheNumbers() {
        Table one = Table.create("t", DoubleColumn.create("ms", 1.5));
        assertEquals("t \u00b7 1 row \u00d7 1 column", TableRenderer.caption(one));
        Table three = Table.create("t", DoubleColumn.create("ms", 1.5, 2.5, 3.5), DoubleColumn.create("s", 1, 2, 3));
        assertEquals("t \u00b7 3 rows \u00d7 2 columns", TableRenderer.caption(three));
        String html = TableRenderer.html(one);
        assertFalse(html.contains("<caption"), "a <caption> is as narrow as its table and wraps");
        assertTrue(html.contains("white-space:nowrap;text-align:left;font-weight:bold;margin:0 0 4px 0\">t \u00b7 1 row"),
                html);
    }

    @Test
    void textIsLeftAlignedNumbersRightAlignedAndLabelsDoNotWrap() {
        String html = TableRenderer.html(measurements());
        for (String[] cell : cells(html)) {
            boolean number = cell[1].matches("[-\u2212]?[0-9][0-9,.]*(\u00d710.*)?");
            assertTrue(cell[0].contains(number ? "text-align:right" : "text-align:left"), cell[1] + ": " + cell[0]);
            assertTrue(cell[0].contains("white-space:nowrap"), cell[1] + " may wrap");
        }
        Matcher header = HEADER.matcher(html);
        assertTrue(header.find());
        assertTrue(header.group(1).contains("text-align:left"), "the text column's header: " + header.group(1));
        assertTrue(header.find());
        assertTrue(header.group(1).contains("text-align:right"), "a number column's header: " + header.group(1));
    }

    @Test
    void aParagraphInACellMayStillWrap() {
        String prose = "a long explanation that would make the table as wide as a page if it could not wrap";
        String html = TableRenderer.html(Table.create("notes", StringColumn.create("note", prose)));
        assertTrue(html.contains("text-align:left;\">" + prose), html);
    }
}
