package vmlab.charts;

import java.awt.BasicStroke;
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
 * The time-sharing picture: one lane per CPU (or host), and a coloured bar for each slice of time a process (or VM) ran
 * there. Each table row is one slice: lane, who ran, start, end.
 */
public final class TimelineChart extends Chart<TimelineChart> {

    private record Slice(int lane, double start, double end) {
    }

    private final String laneColumn;
    private final List<String> lanes;
    /** who ran -> their slices, in order of first appearance (which fixes the colours). */
    private final Map<String, List<Slice>> slices;
    private String timeTitle;

    private TimelineChart(String laneColumn, List<String> lanes, Map<String, List<Slice>> slices, String timeTitle) {
        this.laneColumn = laneColumn;
        this.lanes = lanes;
        this.slices = slices;
        this.timeTitle = timeTitle;
    }

    static TimelineChart of(TableColumns table, String laneColumn, String whoColumn, String startColumn,
            String endColumn) {
        String[] laneOf = table.labels(laneColumn);
        String[] who = table.labels(whoColumn);
        double[] start = table.seconds(startColumn);
        double[] end = table.seconds(endColumn);
        List<String> lanes = new ArrayList<>();
        Map<String, List<Slice>> slices = new LinkedHashMap<>();
        for (int row = 0; row < laneOf.length; row++) {
            if (!Double.isFinite(start[row]) || !Double.isFinite(end[row])) {
                continue;
            }
            if (end[row] < start[row]) {
                throw new IllegalArgumentException("row " + row + ": slice of '" + who[row] + "' ends (" + end[row]
                        + ") before it starts (" + start[row] + ")");
            }
            if (!lanes.contains(laneOf[row])) {
                lanes.add(laneOf[row]);
            }
            slices.computeIfAbsent(who[row], k -> new ArrayList<>())
                    .add(new Slice(lanes.indexOf(laneOf[row]), start[row], end[row]));
        }
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: no row has both a start and an end");
        }
        return new TimelineChart(laneColumn, lanes, slices, startColumn);
    }

    /** Names the time axis with its unit: {@code timeAxis("time", "ms")}. */
    public TimelineChart timeAxis(String quantity, String unit) {
        this.timeTitle = Theme.axisTitle(quantity, unit);
        return changed();
    }

    /** Total time each process (or VM) ran, summed over its slices. */
    public Map<String, Double> busyTime() {
        Map<String, Double> busy = new LinkedHashMap<>();
        slices.forEach((who, list) -> busy.put(who, list.stream().mapToDouble(s -> s.end() - s.start()).sum()));
        return busy;
    }

    public List<String> lanes() {
        return List.copyOf(lanes);
    }

    @Override
    protected XYChart draw(int width, int height) {
        XYChart chart = new XYChart(width, height);
        Theme.apply(chart.getStyler());
        chart.setXAxisTitle(timeTitle);
        chart.setYAxisTitle(laneColumn);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(lanes.size() - 0.5);
        chart.setCustomYAxisTickLabelsFormatter(this::laneName);
        chart.getStyler().setLegendVisible(true);
        // A bar's thickness follows the lane height, so a two-CPU and a sixteen-CPU timeline both read as bars.
        float plotHeight = Math.max(40, height - 130);
        float thickness = Math.max(2f, Math.min(30f, 0.6f * plotHeight / lanes.size()));
        BasicStroke bar = new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
        int n = 0;
        for (Map.Entry<String, List<Slice>> entry : slices.entrySet()) {
            // One series per process; its slices are segments separated by NaN, which XChart draws as gaps.
            List<Slice> list = entry.getValue();
            double[] x = new double[list.size() * 3];
            double[] y = new double[list.size() * 3];
            for (int i = 0; i < list.size(); i++) {
                Slice s = list.get(i);
                x[3 * i] = s.start();
                y[3 * i] = s.lane();
                x[3 * i + 1] = s.end();
                y[3 * i + 1] = s.lane();
                x[3 * i + 2] = s.end();
                y[3 * i + 2] = Double.NaN;
            }
            XYSeries series = chart.addSeries(entry.getKey(), x, y);
            series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(bar);
            series.setLineColor(Theme.color(n++));
        }
        return chart;
    }

    /**
     * Names the integer ticks after their lane. XChart drops ticks until all labels differ, so ticks between lanes get
     * distinct invisible labels (runs of zero-width spaces) rather than one shared blank.
     */
    private String laneName(double tick) {
        long lane = Math.round(tick);
        if (Math.abs(tick - lane) > 1e-6 || lane < 0 || lane >= lanes.size()) {
            return "\u200B".repeat(1 + (int) Math.floorMod(Math.round(tick * 8), 1000));
        }
        return lanes.get((int) lane);
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(title().isEmpty() ? "Timeline" : title()).append(": ").append(slices.size())
                .append(" running on ").append(lanes.size()).append(' ').append(laneColumn)
                .append(lanes.size() == 1 ? "" : " lanes").append('\n');
        busyTime().forEach((who, busy) -> text.append(String.format(Locale.ROOT, "  %s: %d slices, busy %.4g%n", who,
                slices.get(who).size(), busy)));
        return text.toString().stripTrailing();
    }
}
