package vmlab.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;

/**
 * Stacked bars: where the time (or the instructions) of each configuration went, split by layer, for example guest,
 * VMM and host kernel. Each layer is a column of the table; repeated rows of a configuration are summarised by median.
 */
public final class StackedBarChart extends Chart<StackedBarChart> {

    private final String categoryColumn;
    private final List<String> layers;
    /** configuration -> value per layer, in layer order. */
    private final Map<String, double[]> values;
    private String yTitle;
    private boolean shares;

    private StackedBarChart(String categoryColumn, List<String> layers, Map<String, double[]> values) {
        this.categoryColumn = categoryColumn;
        this.layers = List.copyOf(layers);
        this.values = values;
        this.yTitle = "total";
    }

    static StackedBarChart of(TableColumns table, String categoryColumn, String... layerColumns) {
        if (layerColumns.length == 0) {
            throw new IllegalArgumentException("name at least one layer column to stack");
        }
        String[] categories = table.labels(categoryColumn);
        List<double[]> columns = new ArrayList<>();
        for (String layer : layerColumns) {
            columns.add(table.numbers(layer));
        }
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int row = 0; row < categories.length; row++) {
            rows.computeIfAbsent(categories[row], k -> new ArrayList<>()).add(row);
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        rows.forEach((category, list) -> {
            double[] perLayer = new double[layerColumns.length];
            for (int layer = 0; layer < perLayer.length; layer++) {
                double[] column = columns.get(layer);
                perLayer[layer] = median(list.stream().mapToDouble(r -> column[r]).filter(Double::isFinite).toArray());
            }
            values.put(category, perLayer);
        });
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: the table has no rows");
        }
        return new StackedBarChart(categoryColumn, Arrays.asList(layerColumns), values);
    }

    /** Names the y axis with its unit: {@code yAxis("time", "s")}. */
    public StackedBarChart yAxis(String quantity, String unit) {
        this.yTitle = Theme.axisTitle(quantity, unit);
        return changed();
    }

    /** Draws each bar as 100% split into shares, to compare proportions rather than totals. */
    public StackedBarChart asShares() {
        this.shares = true;
        return changed();
    }

    /** The value (or share in percent, after {@link #asShares()}) of one layer of one configuration. */
    public double value(String configuration, String layer) {
        double[] perLayer = values.get(configuration);
        int index = layers.indexOf(layer);
        if (perLayer == null || index < 0) {
            throw new IllegalArgumentException("no configuration '" + configuration + "' or layer '" + layer + "'");
        }
        return shares ? 100 * perLayer[index] / total(perLayer) : perLayer[index];
    }

    public List<String> layers() {
        return layers;
    }

    @Override
    protected CategoryChart draw(int width, int height) {
        CategoryChart chart = new CategoryChart(width, height);
        CategoryStyler styler = chart.getStyler();
        Theme.apply(styler);
        styler.setStacked(true);
        styler.setAvailableSpaceFill(0.6);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLegendVisible(true);
        styler.setYAxisMin(0.0);
        if (shares) {
            styler.setYAxisMax(100.0);
        }
        chart.setXAxisTitle(categoryColumn);
        chart.setYAxisTitle(shares ? Theme.axisTitle("share", "%") : yTitle);
        List<String> categories = new ArrayList<>(values.keySet());
        for (int layer = 0; layer < layers.size(); layer++) {
            List<Double> heights = new ArrayList<>();
            for (String category : categories) {
                heights.add(value(category, layers.get(layer)));
            }
            CategorySeries series = chart.addSeries(layers.get(layer), categories, heights);
            series.setFillColor(Theme.color(layer));
        }
        return chart;
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(title().isEmpty() ? "Stacked bars" : title()).append(": ").append(yTitle).append(" by ")
                .append(String.join(" / ", layers)).append('\n');
        values.forEach((category, perLayer) -> {
            text.append("  ").append(category).append(':');
            double total = total(perLayer);
            for (int layer = 0; layer < perLayer.length; layer++) {
                text.append(String.format(Locale.ROOT, " %s %.4g (%.0f%%)", layers.get(layer), perLayer[layer],
                        100 * perLayer[layer] / total));
                text.append(layer + 1 < perLayer.length ? "," : "");
            }
            text.append('\n');
        });
        return text.toString().stripTrailing();
    }

    private static double total(double[] perLayer) {
        double total = 0;
        for (double v : perLayer) {
            total += v;
        }
        return total == 0 ? 1 : total;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
