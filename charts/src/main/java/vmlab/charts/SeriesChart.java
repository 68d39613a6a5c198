package vmlab.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lines or points of y against x, one series per configuration: response time against the number of users for several
 * quantum sizes, MIPS over time for each engine. Time series are the same chart with time on the x axis.
 */
public final class SeriesChart extends Chart<SeriesChart> {

    /** How the points are joined. */
    public enum Style { LINES, POINTS, LINES_AND_POINTS }

    private final List<XySeries> series;
    private String xTitle;
    private String yTitle;
    private Style style;
    private boolean logX;
    private boolean logY;

    SeriesChart(List<XySeries> series, String xTitle, String yTitle, Style style) {
        this.series = List.copyOf(series);
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.style = style;
    }

    /** Builds the series from a table: one series per distinct value of {@code seriesColumn}, or one if it is null. */
    static SeriesChart of(TableColumns table, double[] x, String xColumn, String yColumn, String seriesColumn,
            Style style) {
        double[] y = table.numbers(yColumn);
        String[] names = seriesColumn == null ? null : table.labels(seriesColumn);
        Map<String, List<Integer>> rowsBySeries = new LinkedHashMap<>();
        for (int row = 0; row < y.length; row++) {
            rowsBySeries.computeIfAbsent(names == null ? yColumn : names[row], k -> new ArrayList<>()).add(row);
        }
        List<XySeries> series = new ArrayList<>();
        rowsBySeries.forEach((name, rows) -> {
            double[] xs = rows.stream().mapToDouble(r -> x[r]).toArray();
            double[] ys = rows.stream().mapToDouble(r -> y[r]).toArray();
            series.add(XySeries.withoutGaps(name, xs, ys));
        });
        return new SeriesChart(series, xColumn, yColumn, style);
    }

    /** Names the x axis with its unit: {@code xAxis("users", "")}, {@code xAxis("time", "s")}. */
    public SeriesChart xAxis(String quantity, String unit) {
        this.xTitle = Theme.axisTitle(quantity, unit);
        return changed();
    }

    /** Names the y axis with its unit: {@code yAxis("response time", "ms")}. */
    public SeriesChart yAxis(String quantity, String unit) {
        this.yTitle = Theme.axisTitle(quantity, unit);
        return changed();
    }

    public SeriesChart lines() {
        return style(Style.LINES);
    }

    public SeriesChart pointsOnly() {
        return style(Style.POINTS);
    }

    public SeriesChart linesAndPoints() {
        return style(Style.LINES_AND_POINTS);
    }

    public SeriesChart style(Style style) {
        this.style = style;
        return changed();
    }

    public SeriesChart logX(boolean log) {
        this.logX = log;
        return changed();
    }

    public SeriesChart logY(boolean log) {
        this.logY = log;
        return changed();
    }

    /** The series' names, in drawing (and colour) order. */
    public List<String> seriesNames() {
        return series.stream().map(XySeries::name).toList();
    }

    /** How many points a series has. */
    public int points(String seriesName) {
        return series.stream().filter(s -> s.name().equals(seriesName)).mapToInt(XySeries::size).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no series '" + seriesName + "' (have: "
                        + String.join(", ", seriesNames()) + ")"));
    }

    /** Points in all series together. */
    public int totalPoints() {
        return series.stream().mapToInt(XySeries::size).sum();
    }

    @Override
    protected XYChart draw(int width, int height) {
        XYChart chart = new XYChart(width, height);
        Theme.apply(chart.getStyler());
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        int n = 0;
        for (XySeries s : series) {
            if (s.size() == 0) {
                n++;
                continue; // XChart refuses empty series; an empty one has nothing to draw anyway.
            }
            XYSeries drawn = chart.addSeries(s.name(), s.x(), s.y());
            drawn.setLineColor(Theme.color(n));
            drawn.setMarkerColor(Theme.color(n));
            drawn.setXYSeriesRenderStyle(style == Style.POINTS ? XYSeriesRenderStyle.Scatter : XYSeriesRenderStyle.Line);
            if (style == Style.LINES) {
                drawn.setMarker(SeriesMarkers.NONE);
            }
            n++;
        }
        if (chart.getSeriesMap().isEmpty()) {
            // An empty plot still shows its title and axes, e.g. a live chart before its first point.
            chart.addSeries(" ", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE)
                    .setShowInLegend(false);
        }
        return chart;
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(title().isEmpty() ? "Chart" : title()).append(": ").append(yTitle).append(" against ").append(xTitle)
                .append(", ").append(series.size()).append(" series\n");
        for (XySeries s : series) {
            text.append(String.format(Locale.ROOT, "  %s: %d points", s.name(), s.size()));
            if (s.size() > 0) {
                text.append(String.format(Locale.ROOT, ", %s from %.4g to %.4g, last %.4g", yTitle, s.minY(), s.maxY(),
                        s.lastY()));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }
}
