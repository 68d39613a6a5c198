package vmlab.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.AnnotationLine;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The overhead ladder: each configuration's cost as a multiple of a baseline ("the interpreter is 38x slower than
 * native"), one bar per configuration with the ratio printed on it.
 *
 * <p>Repeated measurements of one configuration are summarised by their median, which one slow outlier run cannot move.
 * When the ratios span two orders of magnitude or more the y axis turns logarithmic on its own, because on a linear axis
 * the small overheads would all look like zero next to the big one. On a log axis the rungs are dots, not bars: a bar's
 * length there depends on where the axis starts and would suggest proportions that are not in the data.
 */
public final class LadderChart extends Chart<LadderChart> {

    /** Ratios spanning at least this factor are drawn on a log axis. */
    public static final double LOG_SCALE_SPAN = 100;

    private final String categoryColumn;
    private final String metric;
    private final Map<String, Double> medians;
    private String baseline;
    private boolean speedup;
    private boolean sorted = true;
    private Boolean logScale;
    private String unit = "";
    private String ratioName;

    LadderChart(String categoryColumn, String metric, Map<String, Double> medians) {
        if (medians.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: no rows with a value in '" + metric + "'");
        }
        for (Map.Entry<String, Double> entry : medians.entrySet()) {
            if (!(entry.getValue() > 0) || Double.isInfinite(entry.getValue())) {
                throw new IllegalArgumentException("configuration '" + entry.getKey() + "' has " + metric + " = "
                        + entry.getValue() + ": a ladder needs positive values to divide");
            }
        }
        this.categoryColumn = categoryColumn;
        this.metric = metric;
        this.medians = medians;
        this.baseline = medians.keySet().iterator().next();
    }

    static LadderChart of(TableColumns table, String categoryColumn, String valueColumn) {
        String[] labels = table.labels(categoryColumn);
        double[] values = table.numbers(valueColumn);
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int row = 0; row < labels.length; row++) {
            if (!Double.isNaN(values[row])) {
                runs.computeIfAbsent(labels[row], k -> new ArrayList<>()).add(values[row]);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        runs.forEach((name, list) -> medians.put(name, median(list)));
        return new LadderChart(categoryColumn, valueColumn, medians);
    }

    /** The configuration every other one is divided by (default: the first in the table). */
    public LadderChart baseline(String configuration) {
        if (!medians.containsKey(configuration)) {
            throw new IllegalArgumentException("no configuration '" + configuration + "' in column '" + categoryColumn
                    + "' (have: " + String.join(", ", medians.keySet()) + ")");
        }
        this.baseline = configuration;
        return changed();
    }

    /** Ratios as value / baseline: for times, how many times slower (the default). */
    public LadderChart slowdown() {
        this.speedup = false;
        return changed();
    }

    /** Ratios as baseline / value: for times, how many times faster; use {@link #slowdown()} for rates like MIPS. */
    public LadderChart speedup() {
        this.speedup = true;
        return changed();
    }

    /**
     * What the ratio is called on the axis and in the summary, when it is not a time: {@code "times as much memory"}
     * (default: "slowdown", or "speed-up" after {@link #speedup()}).
     */
    public LadderChart ratioName(String name) {
        this.ratioName = name == null || name.isBlank() ? null : name;
        return changed();
    }

    /** Keeps the table's order instead of sorting the rungs from smallest to largest ratio. */
    public LadderChart inTableOrder() {
        this.sorted = false;
        return changed();
    }

    /** Forces a log (true) or linear (false) y axis instead of choosing from the data. */
    public LadderChart logScale(boolean log) {
        this.logScale = log;
        return changed();
    }

    /** The unit of the measured column, shown in the summary ("s", "MIPS"). */
    public LadderChart unit(String unit) {
        this.unit = unit == null ? "" : unit;
        return changed();
    }

    public String baseline() {
        return baseline;
    }

    /** Each configuration's ratio to the baseline, in the order the bars are drawn. */
    public Map<String, Double> ratios() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        double base = medians.get(baseline);
        medians.forEach((name, value) -> ratios.put(name, speedup ? base / value : value / base));
        if (!sorted) {
            return ratios;
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        ratios.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEachOrdered(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** The label printed on a configuration's bar, e.g. "38.2×". */
    public String label(String configuration) {
        Double ratio = ratios().get(configuration);
        if (ratio == null) {
            throw new IllegalArgumentException("no configuration '" + configuration + "'");
        }
        return formatRatio(ratio, ratioPattern(ratios().values()));
    }

    /** Whether the y axis is logarithmic: forced, or chosen when the ratios span {@link #LOG_SCALE_SPAN}x or more. */
    public boolean isLogScale() {
        if (logScale != null) {
            return logScale;
        }
        double min = ratios().values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = ratios().values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        return max / min >= LOG_SCALE_SPAN;
    }

    @Override
    protected org.knowm.xchart.internal.chartpart.Chart<?, ?> draw(int width, int height) {
        Map<String, Double> ratios = ratios();
        LabelledBarChart chart = new LabelledBarChart(width, height);
        Theme.apply(chart.getStyler());
        chart.setXAxisTitle(categoryColumn);
        chart.setYAxisTitle(Theme.axisTitle(quantity(), "× " + baseline));
        String pattern = ratioPattern(ratios.values());
        CategoryStyler styler = chart.getStyler();
        styler.setAvailableSpaceFill(0.6);
        styler.setLegendVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisLogarithmic(isLogScale());
        styler.setYAxisLogarithmicDecadeOnly(true);
        styler.setYAxisDecimalPattern(pattern);
        double min = ratios.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = ratios.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        // Bars grow from the axis minimum: on a log axis that is the decade below the smallest ratio, so even the
        // baseline's 1x bar has a visible height. The top leaves room for the label above the tallest bar.
        double yMin = isLogScale() ? Math.pow(10, Math.floor(Math.log10(min) - 0.3)) : 0.0;
        double yMax = isLogScale() ? max * 3 : max * 1.15;
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        List<Double> rounded = ratios.values().stream().map(LadderChart::threeSignificantDigits).toList();
        CategorySeries series = chart.addSeries(quantity(), new ArrayList<>(ratios.keySet()), rounded);
        series.setFillColor(Theme.color(0));
        if (isLogScale()) {
            // A bar's length on a log axis depends on where the axis happens to start, so it means nothing: a dot
            // at the ratio is the honest mark.
            series.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(Theme.color(0));
            styler.setMarkerSize(14);
            chart.dots = true;
        }
        chart.addAnnotation(new AnnotationLine(1.0, false, false));
        int bar = 0;
        for (double ratio : rounded) {
            chart.labels.add(new BarLabel(bar++ + 0.5, ratio, formatRatio(ratio, pattern)));
        }
        return chart;
    }

    @Override
    public String summary() {
        Map<String, Double> ratios = ratios();
        String pattern = ratioPattern(ratios.values());
        StringBuilder text = new StringBuilder();
        text.append(title().isEmpty() ? "Overhead ladder" : title()).append(": ").append(quantity())
                .append(" of ").append(metric).append(" vs ").append(baseline)
                .append(isLogScale() ? " (log scale)" : "").append('\n');
        int nameWidth = ratios.keySet().stream().mapToInt(String::length).max().orElse(0);
        ratios.forEach((name, ratio) -> text.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %10s   %s%s%n",
                name, formatRatio(ratio, pattern), formatValue(medians.get(name)), unit.isEmpty() ? "" : " " + unit)));
        return text.toString().stripTrailing();
    }

    private String quantity() {
        return ratioName != null ? ratioName : speedup ? "speed-up" : "slowdown";
    }

    /** Enough decimals that the smallest ratio keeps three significant digits. */
    static String ratioPattern(Iterable<Double> ratios) {
        double min = Double.MAX_VALUE;
        for (double ratio : ratios) {
            min = Math.min(min, ratio);
        }
        int decimals = (int) Math.max(2, Math.min(6, 2 - Math.floor(Math.log10(min))));
        return "#,##0." + "#".repeat(decimals) + "×";
    }

    static String formatRatio(double ratio, String pattern) {
        java.text.DecimalFormat format = new java.text.DecimalFormat(pattern,
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(threeSignificantDigits(ratio));
    }

    /** Bars carry ratios rounded to three significant digits, so their printed labels stay short. */
    static double threeSignificantDigits(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).doubleValue();
    }

    private static String formatValue(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.3g", value);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private record BarLabel(double x, double y, String text) {
    }

    /**
     * A bar chart that prints each bar's ratio just above it. XChart's own bar labels sit inside the bar (unreadable on
     * short bars) and are drawn as glyph outlines; drawing them as text keeps them readable and searchable in the SVG.
     */
    private static final class LabelledBarChart extends CategoryChart {
        private final List<BarLabel> labels = new ArrayList<>();
        /** Drawn as dots (log axis): labels sit a little higher, clear of the dot. */
        private boolean dots;

        LabelledBarChart(int width, int height) {
            super(width, height);
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            super.paint(g, width, height);
            g.setFont(Theme.font(Font.BOLD, 13));
            g.setColor(Theme.INK);
            FontMetrics metrics = g.getFontMetrics();
            for (BarLabel label : labels) {
                // getScreen*FromChart are valid once the axes are laid out, i.e. after super.paint.
                float x = (float) (getScreenXFromChart(label.x()) - metrics.stringWidth(label.text()) / 2.0);
                float y = (float) (getScreenYFromChart(label.y()) - (dots ? 12 : 5));
                g.drawString(label.text(), x, y);
            }
        }
    }
}
