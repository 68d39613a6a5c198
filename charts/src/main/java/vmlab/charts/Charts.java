package vmlab.charts;

import java.util.LinkedHashMap;
import java.util.Map;

import tech.tablesaw.api.Table;

/**
 * Where a notebook cell starts a chart. Every builder takes a Tablesaw table and the names of the columns to draw, and
 * returns a chart that can be refined fluently, shown, or saved:
 *
 * <pre>{@code
 * Charts.ladder(results, "configuration", "seconds").baseline("native").title("Cost of emulation")
 * Charts.lines(sweep, "users", "response_ms").by("quantum").title("Response time vs load")
 * }</pre>
 */
public final class Charts {

    private Charts() {
    }

    /** Overhead ladder: {@code valueColumn} of each configuration as a multiple of a baseline configuration. */
    public static LadderChart ladder(Table table, String configurationColumn, String valueColumn) {
        return LadderChart.of(new TableColumns(table), configurationColumn, valueColumn);
    }

    /** Overhead ladder from configuration → measured value pairs, in the map's order. */
    public static LadderChart ladder(Map<String, ? extends Number> valueByConfiguration) {
        Map<String, Double> values = new LinkedHashMap<>();
        valueByConfiguration.forEach((name, value) -> values.put(name, value.doubleValue()));
        return new LadderChart("configuration", "value", values);
    }

    /** Lines of {@code yColumn} against {@code xColumn}; add {@code .by("configuration")} for one line per configuration. */
    public static SeriesChart lines(Table table, String xColumn, String yColumn) {
        return xy(table, xColumn, yColumn, null, SeriesChart.Style.LINES_AND_POINTS);
    }

    /** Lines with one series per distinct value of {@code seriesColumn} (for example one per quantum size). */
    public static SeriesChart lines(Table table, String xColumn, String yColumn, String seriesColumn) {
        return xy(table, xColumn, yColumn, seriesColumn, SeriesChart.Style.LINES_AND_POINTS);
    }

    /** Points of {@code yColumn} against {@code xColumn}, one series per distinct value of {@code seriesColumn}. */
    public static SeriesChart scatter(Table table, String xColumn, String yColumn, String seriesColumn) {
        return xy(table, xColumn, yColumn, seriesColumn, SeriesChart.Style.POINTS);
    }

    /** Points of {@code yColumn} against {@code xColumn}. */
    public static SeriesChart scatter(Table table, String xColumn, String yColumn) {
        return xy(table, xColumn, yColumn, null, SeriesChart.Style.POINTS);
    }

    /**
     * A value over time. The time column may hold seconds, instants or date-times (drawn as seconds since the first
     * row).
     */
    public static SeriesChart timeSeries(Table table, String timeColumn, String valueColumn) {
        return timeSeries(table, timeColumn, valueColumn, null);
    }

    /** A value over time, one line per distinct value of {@code seriesColumn} (for example one per engine). */
    public static SeriesChart timeSeries(Table table, String timeColumn, String valueColumn, String seriesColumn) {
        TableColumns columns = new TableColumns(table);
        return SeriesChart.of(columns, columns.seconds(timeColumn), timeColumn, valueColumn, seriesColumn,
                SeriesChart.Style.LINES).xAxis(timeColumn, "s");
    }

    /** Stacked bars per configuration, one layer per named column (for example "guest", "vmm", "host"). */
    public static StackedBarChart stacked(Table table, String configurationColumn, String... layerColumns) {
        return StackedBarChart.of(new TableColumns(table), configurationColumn, layerColumns);
    }

    /** Who ran where and when: one row per slice of time (lane such as a CPU, who ran, start, end). */
    public static TimelineChart timeline(Table table, String laneColumn, String whoColumn, String startColumn,
            String endColumn) {
        return TimelineChart.of(new TableColumns(table), laneColumn, whoColumn, startColumn, endColumn);
    }

    /** The distribution of {@code valueColumn}. */
    public static HistogramChart histogram(Table table, String valueColumn) {
        return HistogramChart.of(new TableColumns(table), valueColumn, null);
    }

    /** The distribution of {@code valueColumn}, one outline per distinct value of {@code seriesColumn}. */
    public static HistogramChart histogram(Table table, String valueColumn, String seriesColumn) {
        return HistogramChart.of(new TableColumns(table), valueColumn, seriesColumn);
    }

    private static SeriesChart xy(Table table, String xColumn, String yColumn, String seriesColumn,
            SeriesChart.Style style) {
        TableColumns columns = new TableColumns(table);
        return SeriesChart.of(columns, columns.numbers(xColumn), xColumn, yColumn, seriesColumn, style);
    }

    /**
     * A chart that grows as points arrive, shown and updated on the kernel's display (see {@link LiveChart}). It is
     * shown at once, empty: the one drawing on the cell's own thread happens here, before the measurement starts.
     */
    public static LiveChart live(String title) {
        return new LiveChart(title, DisplaySurface.current(), LiveChart.DEFAULT_INTERVAL_MILLIS).show();
    }

    /** A progress bar, shown at once and updated on the kernel's display; pass {@code bar::progress} to lab work. */
    public static ProgressBar progress(String label) {
        return new ProgressBar(label, DisplaySurface.current(), LiveChart.DEFAULT_INTERVAL_MILLIS).show();
    }
}
