package vmlab.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tech.tablesaw.api.Row;

/**
 * A chart that grows while a measurement runs: shown once, then redrawn in place (Jupyter's update_display_data with
 * the same display id) as points arrive.
 *
 * <pre>{@code
 * try (var live = Charts.live("Warm-up").xAxis("time", "s").yAxis("speed", "MIPS")) {
 *     for (...) live.add("block compiler", seconds, mips);
 * }   // closing sends the final state, so the saved notebook keeps the whole curve
 * }</pre>
 *
 * <p>{@code Charts.live(...)} shows the (empty) chart at once, on the cell's thread, so the output lands in the running
 * cell and the one synchronous drawing happens before the measurement starts. After that {@link #add} only appends to an array and flags a change; drawing happens on a background thread at most a few
 * times a second (see {@link ThrottledDisplay}), so the chart does not slow the measurement it shows. Rows from a
 * Tablesaw-producing lab API can be fed directly once the columns are named ({@link #fromRows}).
 */
public final class LiveChart implements Consumer<Row>, AutoCloseable {

    /** Default minimum time between two updates: at most four redraws a second. */
    public static final long DEFAULT_INTERVAL_MILLIS = 250;

    private final Object lock = new Object();
    private final Map<String, GrowingSeries> series = new LinkedHashMap<>();
    private final ThrottledDisplay display;
    private String title;
    private String xTitle = "x";
    private String yTitle = "y";
    private SeriesChart.Style style = SeriesChart.Style.LINES;
    private int width = Theme.WIDTH;
    private int height = Theme.HEIGHT;
    private String xColumn;
    private String yColumn;
    private String seriesColumn;

    LiveChart(String title, DisplaySurface surface, long minIntervalMillis) {
        this(title, surface, minIntervalMillis, ThrottledDisplay.MAX_RENDER_SHARE);
    }

    LiveChart(String title, DisplaySurface surface, long minIntervalMillis, double maxRenderShare) {
        this.title = title == null ? "" : title;
        this.display = new ThrottledDisplay(surface, this::drawnSnapshot, minIntervalMillis, maxRenderShare,
                ThrottledDisplay::saturated);
    }

    public LiveChart xAxis(String quantity, String unit) {
        synchronized (lock) {
            xTitle = Theme.axisTitle(quantity, unit);
        }
        display.restyled();
        return this;
    }

    public LiveChart yAxis(String quantity, String unit) {
        synchronized (lock) {
            yTitle = Theme.axisTitle(quantity, unit);
        }
        display.restyled();
        return this;
    }

    public LiveChart title(String title) {
        synchronized (lock) {
            this.title = title == null ? "" : title;
        }
        display.restyled();
        return this;
    }

    public LiveChart size(int width, int height) {
        synchronized (lock) {
            Chart.checkSize(width, height);
            this.width = width;
            this.height = height;
        }
        display.restyled();
        return this;
    }

    /** Points joined by lines (the default) or, with {@code false}, points only. */
    public LiveChart lines(boolean lines) {
        synchronized (lock) {
            style = lines ? SeriesChart.Style.LINES : SeriesChart.Style.POINTS;
        }
        display.restyled();
        return this;
    }

    /** Names the columns used when rows are fed with {@link #accept(Row)}; {@code seriesColumn} may be null. */
    public LiveChart fromRows(String xColumn, String yColumn, String seriesColumn) {
        synchronized (lock) {
            this.xColumn = xColumn;
            this.yColumn = yColumn;
            this.seriesColumn = seriesColumn;
            if (xTitle.equals("x")) {
                xTitle = xColumn;
            }
            if (yTitle.equals("y")) {
                yTitle = yColumn;
            }
        }
        return this;
    }

    /** Shows the (possibly still empty) chart now instead of at the first point. */
    public LiveChart show() {
        display.showNow();
        return this;
    }

    /** Adds a point to the only series. */
    public LiveChart add(double x, double y) {
        return add(yTitle, x, y);
    }

    /** Adds a point to the named series (created on first use; its colour follows creation order). */
    public LiveChart add(String seriesName, double x, double y) {
        if (display.isFinished()) {
            throw new IllegalStateException("live chart '" + title + "' is finished; start a new one to add points");
        }
        synchronized (lock) {
            series.computeIfAbsent(seriesName, GrowingSeries::new).add(x, y);
        }
        display.changed();
        return this;
    }

    /** Adds a table row, reading the columns named with {@link #fromRows}. */
    @Override
    public void accept(Row row) {
        String x;
        String y;
        String by;
        synchronized (lock) {
            x = xColumn;
            y = yColumn;
            by = seriesColumn;
        }
        if (x == null) {
            throw new IllegalStateException("name the columns first: live.fromRows(\"x column\", \"y column\", null)");
        }
        add(by == null ? y : row.getObject(by).toString(), row.getNumber(x), row.getNumber(y));
    }

    /** Sends the final state to the display (always) and stops updating. Adding after this is an error. */
    public void finish() {
        display.finish();
    }

    @Override
    public void close() {
        if (!display.isFinished()) {
            finish();
        }
    }

    /** The chart as it is now, as an ordinary chart to refine or save. */
    public SeriesChart snapshot() {
        synchronized (lock) {
            List<XySeries> copies = new ArrayList<>();
            series.values().forEach(s -> copies.add(s.copy()));
            return new SeriesChart(copies, xTitle, yTitle, style).title(title).size(width, height);
        }
    }

    /** How many times the display was shown or updated so far. */
    public int updates() {
        return display.updates();
    }

    /** The display id the front end gave, or null if not shown yet. */
    public String displayId() {
        return display.displayId();
    }

    /**
     * Copies the data under the lock, then draws outside it, so {@link #add} never waits for a drawing. Passing frames
     * are drafts (a quarter of the pixels, a third of the CPU); the final frame is drawn sharp.
     */
    private Object drawnSnapshot(boolean last) {
        SeriesChart chart = snapshot();
        if (!last) {
            chart.draft();
        }
        chart.prerender();
        return chart;
    }

    @Override
    public String toString() {
        return snapshot().summary();
    }

    /** An append-only series; amortised O(1) adds with no boxing. */
    private static final class GrowingSeries {
        private final String name;
        private double[] x = new double[256];
        private double[] y = new double[256];
        private int size;

        GrowingSeries(String name) {
            this.name = name;
        }

        void add(double px, double py) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = px;
            y[size] = py;
            size++;
        }

        XySeries copy() {
            return XySeries.withoutGaps(name, Arrays.copyOf(x, size), Arrays.copyOf(y, size));
        }
    }
}
