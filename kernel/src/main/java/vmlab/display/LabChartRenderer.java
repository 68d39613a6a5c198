package vmlab.display;

import java.util.Base64;

import vmlab.charts.Chart;
import vmlab.charts.LiveChart;
import vmlab.charts.Rendering;

/**
 * VM Lab's own charts ({@code vmlab.charts}): the PNG drawn at twice the logical size with width and height metadata
 * (sharp on high-density screens, right size on the page) and the chart's text summary with its numbers for consoles.
 * A live chart shows its current state the same way. Progress bars need no entry here: they render through their own
 * {@code toHtml()} and {@code toString()}.
 *
 * <p>The SVG is deliberately not in the bundle (it stays one call away: {@code chart.svg()}, {@code chart.save("f.svg")}).
 * Front ends prefer SVG over PNG when both are offered, and Debian's nbconvert (6.5) passes SVG outputs through its HTML
 * cleaner, which strips every SVG element: the chart would be blank in every HTML export (jupyter/nbconvert#1849,
 * #1894). It would also triple the notebook's size for a 1,000-point chart. Set {@link #OFFER_SVG} to offer it again.
 */
final class LabChartRenderer {

    /** Whether bundles also carry image/svg+xml; see the class comment for why not by default. */
    static final boolean OFFER_SVG = false;

    private LabChartRenderer() {
    }

    static void registerIn(Renderers renderers) {
        renderers.register(Chart.class, LabChartRenderer::render);
        renderers.register(LiveChart.class, live -> render(live.snapshot()));
    }

    static MimeBundle render(Chart<?> chart) {
        // A live chart's snapshot was drawn already on its painter thread; this then only reads the cache.
        Rendering drawn = OFFER_SVG ? chart.rendering() : new Rendering(chart.png(), null, chart.width(),
                chart.height(), chart.summary());
        MimeBundle bundle = new MimeBundle()
                .with("text/plain", drawn.summary())
                .with("image/png", Base64.getEncoder().encodeToString(drawn.png()))
                .withMetadata("image/png", "width", drawn.width())
                .withMetadata("image/png", "height", drawn.height());
        return OFFER_SVG ? bundle.with("image/svg+xml", drawn.svg()) : bundle;
    }
}
