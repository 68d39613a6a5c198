package vmlab.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;

import org.knowm.xchart.style.Styler;

/**
 * Keeps a chart's title inside the picture. XChart draws the title on one line, centred over the plot (not over the
 * picture), and never wraps it: a long title over a plot pushed right by long lane names is cut at the PNG's right
 * edge ("... and the kernel in b"). A title that does not fit is set in a smaller font, down to
 * {@link #SMALLEST_POINTS}; one that still does not fit is shortened with an ellipsis.
 */
final class TitleFit {

    static final float SMALLEST_POINTS = 10f;

    private TitleFit() {
    }

    static void apply(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int width, int height) {
        Styler styler = chart.getStyler();
        String title = chart.getTitle();
        if (!styler.isChartTitleVisible() || title == null || title.isEmpty()) {
            return;
        }
        double margin = styler.getChartPadding();
        Font font = styler.getChartTitleFont();
        if (width(font, title) <= (width - 2 * margin) / 2) {
            return; // fits wherever the plot is centred: no need to lay the chart out
        }
        Rectangle2D plot = plotBounds(chart, width, height);
        double centre = plot.getCenterX();
        double room = 2 * Math.min(centre - margin, width - margin - centre);
        while (width(font, title) > room && font.getSize2D() > SMALLEST_POINTS) {
            font = font.deriveFont(Math.max(SMALLEST_POINTS, font.getSize2D() - 0.5f));
        }
        styler.setChartTitleFont(font);
        if (width(font, title) > room) {
            String shortened = title;
            while (shortened.length() > 1 && width(font, shortened + "\u2026") > room) {
                shortened = shortened.substring(0, shortened.length() - 1);
            }
            chart.setTitle(shortened.strip() + "\u2026");
        }
    }

    /** The title's width in this font, measured as the PNG draws it (fractional metrics on). */
    static double width(Font font, String text) {
        Graphics2D g = graphics();
        try {
            return font.getStringBounds(text, g.getFontRenderContext()).getWidth();
        } finally {
            g.dispose();
        }
    }

    /** Where the plot goes: XChart lays the chart out while painting it, so it is painted once off screen. */
    private static Rectangle2D plotBounds(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int width, int height) {
        Graphics2D g = graphics();
        try {
            chart.paint(g, width, height);
            Method getPlot = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("getPlot");
            getPlot.setAccessible(true);
            return ((org.knowm.xchart.internal.chartpart.Plot_<?, ?>) getPlot.invoke(chart)).getBounds();
        } catch (ReflectiveOperationException e) {
            // Another XChart version: assume the plot spans the picture, which at worst leaves the title as it was.
            return new Rectangle2D.Double(0, 0, width, height);
        } finally {
            g.dispose();
        }
    }

    private static Graphics2D graphics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }
}
