package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.Table;

class SeriesChartTest {

    private static Set<Integer> palette(int n) {
        return Theme.PALETTE.subList(0, n).stream().map(c -> c.getRGB() & 0xFFFFFF).collect(Collectors.toSet());
    }

    @Test
    void svgDrawsOneSeriesPerConfiguration() throws Exception {
        SeriesChart chart = Charts.lines(SampleTables.responseTimes("1 ms", "10 ms", "100 ms"), "users", "response_ms",
                "quantum");
        assertEquals(List.of("1 ms", "10 ms", "100 ms"), chart.seriesNames());
        Set<Integer> colours = SvgDocument.parse(chart.svg()).shapeColours();
        Set<Integer> seriesColours = palette(Theme.PALETTE.size());
        colours.retainAll(seriesColours);
        assertEquals(palette(3), colours, "exactly the first three palette colours: one line per quantum");
    }

    @Test
    void twoConfigurationsGiveTwoSeries() throws Exception {
        SeriesChart chart = Charts.scatter(SampleTables.responseTimes("fifo", "round robin"), "users", "response_ms",
                "quantum");
        Set<Integer> colours = SvgDocument.parse(chart.svg()).shapeColours();
        colours.retainAll(palette(Theme.PALETTE.size()));
        assertEquals(palette(2), colours);
        assertEquals(10, chart.points("fifo"));
    }

    @Test
    void missingValuesAreLeftOutNotDrawnAsZero() {
        Table table = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 1, Double.NaN, 3));
        SeriesChart chart = Charts.lines(table, "x", "y");
        assertEquals(2, chart.totalPoints());
    }

    @Test
    void timeSeriesCountsSecondsFromTheFirstInstant() {
        java.time.Instant start = java.time.Instant.parse("2026-01-01T10:00:00Z");
        Table table = Table.create("t", InstantColumn.create("at", List.of(start, start.plusMillis(1500),
                start.plusSeconds(3))), DoubleColumn.create("mips", 10, 20, 30));
        SeriesChart chart = Charts.timeSeries(table, "at", "mips");
        assertTrue(chart.summary().contains("at (s)"), chart.summary());
        assertEquals(3, chart.totalPoints());
    }

    @Test
    void textColumnOnANumericAxisIsReportedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines(SampleTables.responseTimes("1 ms"), "quantum", "response_ms"));
        assertTrue(e.getMessage().contains("'quantum'") && e.getMessage().contains("not numbers"), e.getMessage());
    }

    @Test
    void summaryGivesEachSeriesRange() {
        SeriesChart chart = Charts.lines(SampleTables.responseTimes("1 ms", "10 ms"), "users", "response_ms",
                "quantum").yAxis("response time", "ms");
        String summary = chart.summary();
        assertTrue(summary.contains("1 ms: 10 points, response time (ms) from 1.500 to 15.00"), summary);
        assertTrue(summary.contains("10 ms: 10 points, response time (ms) from 3.000 to 30.00"), summary);
    }
}
