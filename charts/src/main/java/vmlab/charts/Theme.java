package vmlab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one place that decides how every VM Lab chart looks: colours, fonts, grid, legend and default size.
 *
 * <p>Colours are the Okabe–Ito palette, chosen because it stays distinguishable for the common forms of colour blindness
 * and in greyscale print. Fonts are DejaVu Sans, which Debian installs by default (fonts-dejavu-core); Liberation Sans and
 * the JDK's logical SansSerif are fallbacks so that rendering never needs an X server or extra fonts.
 */
public final class Theme {

    /** Okabe–Ito, ordered so the first series get the most distinct colours; yellow (weak on white) comes last. */
    public static final List<Color> PALETTE = List.of(
            new Color(0x0072B2), // blue
            new Color(0xE69F00), // orange
            new Color(0x009E73), // bluish green
            new Color(0xD55E00), // vermillion
            new Color(0x56B4E9), // sky blue
            new Color(0xCC79A7), // reddish purple
            new Color(0x000000), // black
            new Color(0xF0E442)); // yellow

    /** Logical size in CSS pixels; PNGs are drawn at {@link #PIXEL_SCALE} times this for sharp high-DPI display. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    public static final int PIXEL_SCALE = 2;

    public static final Color INK = new Color(0x222222);
    public static final Color MUTED_INK = new Color(0x555555);
    public static final Color GRID = new Color(0xE3E3E3);
    public static final Color REFERENCE_LINE = new Color(0x888888);

    public static final String FONT_FAMILY = firstInstalled("DejaVu Sans", "Liberation Sans", Font.SANS_SERIF);

    private Theme() {
    }

    public static Font font(int style, int size) {
        return new Font(FONT_FAMILY, style, size);
    }

    /** The colour of the n-th series, cycling through the palette. */
    public static Color color(int n) {
        return PALETTE.get(Math.floorMod(n, PALETTE.size()));
    }

    /** Applies the look shared by all chart kinds. */
    static void apply(Styler styler) {
        styler.setAntiAlias(true);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartFontColor(INK);
        styler.setChartTitleFont(font(Font.BOLD, 15));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(8);
        styler.setChartPadding(10);
        styler.setLegendFont(font(Font.PLAIN, 12));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setPlotBorderVisible(false);
        styler.setSeriesColors(PALETTE.toArray(Color[]::new));
        styler.setSeriesLines(repeat(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)));
        styler.setSeriesMarkers(new Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
                SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS});
        styler.setMarkerSize(6);
        styler.setToolTipsEnabled(false);
        styler.setAnnotationTextFont(font(Font.PLAIN, 11));
        styler.setAnnotationTextFontColor(INK);
        styler.setAnnotationLineColor(REFERENCE_LINE);
        styler.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 3f}, 0f));
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(font(Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(font(Font.PLAIN, 11));
            axes.setAxisTickLabelsColor(MUTED_INK);
            axes.setAxisTicksMarksVisible(false);
            axes.setAxisTicksLineVisible(true);
            axes.setAxisTickMarksColor(GRID);
            axes.setPlotGridLinesVisible(true);
            axes.setPlotGridLinesColor(GRID);
            axes.setPlotGridLinesStroke(new BasicStroke(1f));
            axes.setPlotMargin(4);
            // Fewer, rounder x ticks than XChart's default on measured (irregular) x values. Equally spaced x values
            // are ticked at data points by XChart whatever this says.
            axes.setXAxisTickMarkSpacingHint(110);
            axes.setAxisTitlePadding(6);
            axes.setXAxisTitleVisible(true);
            axes.setYAxisTitleVisible(true);
            // Fixed separators: a chart must read the same on every student's machine.
            axes.setLocale(Locale.ROOT);
        }
    }

    /** "time" + "s" gives "time (s)": every axis says what it measures and in which unit. */
    public static String axisTitle(String quantity, String unit) {
        if (unit == null || unit.isBlank()) {
            return quantity;
        }
        return quantity + " (" + unit + ")";
    }

    private static BasicStroke[] repeat(BasicStroke stroke) {
        BasicStroke[] strokes = new BasicStroke[PALETTE.size()];
        Arrays.fill(strokes, stroke);
        return strokes;
    }

    private static String firstInstalled(String... families) {
        Set<String> installed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try {
            installed.addAll(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
        } catch (RuntimeException | Error noFontConfig) {
            // Without fontconfig the JDK still draws with its logical fonts; fall through to the last choice.
        }
        for (String family : families) {
            if (installed.contains(family)) {
                return family;
            }
        }
        return families[families.length - 1];
    }
}
