package vmlab.charts;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;

import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.Styler;

/**
 * Keeps a chart's legend inside the picture. The theme puts the legend in one row under the plot, and XChart never wraps
 * that row: with many or long series names (a timeline of seven commands) the row runs past the right edge and the PNG
 * cuts it off. A legend that does not fit moves to a column on the right, where the plot makes room for it.
 */
final class LegendFit {

    /** Width XChart adds to each entry besides its text: the colour box, its gap and the padding (measured, 3.8.8). */
    private static final int ENTRY_EXTRA = 20 + 10 + 10;

    private LegendFit() {
    }

    static void apply(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int width) {
        Styler styler = chart.getStyler();
        if (!styler.isLegendVisible() || styler.getLegendPosition() != Styler.LegendPosition.OutsideS
                || styler.getLegendLayout() != Styler.LegendLayout.Horizontal) {
            return;
        }
        if (rowWidth(chart) > width - 2 * styler.getChartPadding()) {
            styler.setLegendPosition(Styler.LegendPosition.OutsideE);
            styler.setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    /** The width of the one-row legend, from the legend font's metrics. */
    static double rowWidth(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            FontMetrics metrics = g.getFontMetrics(styler.getLegendFont());
            double row = styler.getLegendPadding();
            for (Series series : chart.getSeriesMap().values()) {
                if (series.isShowInLegend()) {
                    row += metrics.stringWidth(series.getName()) + ENTRY_EXTRA + styler.getLegendPadding();
                }
            }
            return row;
        } finally {
            g.dispose();
        }
    }

    /**
     * Where XChart drew the legend the last time the chart was painted, in logical pixels: XChart keeps the box but
     * hides its getter, so it is read reflectively. For tests and checks, never for drawing.
     */
    static Rectangle2D paintedBounds(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            Method getLegend = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("getLegend");
            getLegend.setAccessible(true);
            Object legend = getLegend.invoke(chart);
            Class<?> legendClass = org.knowm.xchart.internal.chartpart.Legend_.class;
            Rectangle2D size = (Rectangle2D) legendClass.getMethod("getBounds").invoke(legend);
            // The box is kept at the origin; where it was painted is a separate offset.
            java.lang.reflect.Field x = legendClass.getDeclaredField("xOffset");
            java.lang.reflect.Field y = legendClass.getDeclaredField("yOffset");
            x.setAccessible(true);
            y.setAccessible(true);
            return new java.awt.geom.Rectangle2D.Double(x.getDouble(legend), y.getDouble(legend), size.getWidth(),
                    size.getHeight());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this XChart version hides the legend's bounds differently", e);
        }
    }
}
