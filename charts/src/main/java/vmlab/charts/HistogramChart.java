package vmlab.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A histogram: how a measured value (a latency, a response time) is distributed, optionally one outline per
 * configuration. All series share the same bins, so their shapes can be compared directly.
 */
public final class HistogramChart extends Chart<HistogramChart> {

    private final Map<String, double[]> samples;
    private String xTitle;
    private int bins = 30;

    private HistogramChart(Map<String, double[]> samples, String xTitle) {
        this.samples = samples;
        this.xTitle = xTitle;
    }

    static HistogramChart of(TableColumns table, String valueColumn, String seriesColumn) {
        double[] values = table.numbers(valueColumn);
        String[] names = seriesColumn == null ? null : table.labels(seriesColumn);
        Map<String, List<Double>> grouped = new LinkedHashMap<>();
        for (int row = 0; row < values.length; row++) {
            if (Double.isFinite(values[row])) {
                grouped.computeIfAbsent(names == null ? valueColumn : names[row], k -> new ArrayList<>())
                        .add(values[row]);
            }
        }
        if (grouped.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: no numbers in column '" + valueColumn + "'");
        }
        Map<String, double[]> samples = new LinkedHashMap<>();
        grouped.forEach((name, list) -> samples.put(name, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return new HistogramChart(samples, valueColumn);
    }

    /** About how many equal-width bins span the range of all samples (default 30; edges are rounded). */
    public HistogramChart bins(int bins) {
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("bins must be between 1 and 10000, not " + bins);
        }
        this.bins = bins;
        return changed();
    }

    /** Names the value axis with its unit: {@code valueAxis("latency", "µs")}. */
    public HistogramChart valueAxis(String quantity, String unit) {
        this.xTitle = Theme.axisTitle(quantity, unit);
        return changed();
    }

    /** Sample counts per bin for one series, lowest bin first. */
    public int[] counts(String series) {
        double[] values = samples.get(series);
        if (values == null) {
            throw new IllegalArgumentException("no series '" + series + "' (have: " + String.join(", ",
                    samples.keySet()) + ")");
        }
        Bins bins = bins();
        int[] counts = new int[bins.count()];
        for (double v : values) {
            counts[bins.indexOf(v)]++;
        }
        return counts;
    }

    /**
     * Equal bins whose edges are round numbers (a width of 1, 2 or 5 times a power of ten), about as many as asked
     * for: "40-45 µs" reads better than "41.37-45.82 µs", and the axis ticks land on bin edges.
     */
    Bins bins() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : samples.values()) {
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double raw = (max - min) / bins;
        if (!(raw > 0)) {
            raw = Math.max(Math.abs(min) * 0.01, 1e-9);
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude;
        double width = magnitude * (step < 1.5 ? 1 : step < 3.5 ? 2 : step < 7.5 ? 5 : 10);
        double start = Math.floor(min / width) * width;
        int count = Math.max(1, (int) Math.floor((max - start) / width) + 1);
        return new Bins(start, width, count);
    }

    record Bins(double start, double width, int count) {
        int indexOf(double value) {
            return (int) Math.max(0, Math.min(count - 1, Math.floor((value - start) / width)));
        }

        double edge(int index) {
            return start + index * width;
        }
    }

    @Override
    protected XYChart draw(int width, int height) {
        XYChart chart = new XYChart(width, height);
        Theme.apply(chart.getStyler());
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle("samples");
        chart.getStyler().setLegendVisible(samples.size() > 1);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        Bins bins = bins();
        chart.getStyler().setXAxisMin(bins.edge(0));
        chart.getStyler().setXAxisMax(bins.edge(bins.count()));
        int n = 0;
        for (String name : samples.keySet()) {
            int[] counts = counts(name);
            // Steps need one more edge than bins: the last count is repeated at the right edge to close the outline.
            double[] x = new double[counts.length + 1];
            double[] y = new double[counts.length + 1];
            for (int bin = 0; bin <= counts.length; bin++) {
                x[bin] = bins.edge(bin);
                y[bin] = counts[Math.min(bin, counts.length - 1)];
            }
            XYSeries series = chart.addSeries(name, x, y);
            Color color = Theme.color(n++);
            series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
            series.setLineColor(color);
            // Translucent fill: overlapping distributions stay visible through each other.
            series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(),
                    samples.size() > 1 ? 70 : 140));
            series.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(title().isEmpty() ? "Histogram" : title()).append(": ").append(xTitle).append(", ")
                .append(bins().count()).append(" bins of ").append(String.format(Locale.ROOT, "%.4g", bins().width())).append('\n');
        samples.forEach((name, values) -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            text.append(String.format(Locale.ROOT, "  %s: %d samples, min %.4g, median %.4g, p99 %.4g, max %.4g%n",
                    name, sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 99),
                    sorted[sorted.length - 1]));
        });
        return text.toString().stripTrailing();
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
