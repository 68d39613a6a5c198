package vmlab.display;

import java.util.Base64;

import vmlab.charts.Chart;
import vmlab.charts.LiveChart;
import vmlab.charts.Rendering;

/**
 * VM Lab's own charts ({@code vmlab.charts}): the PNG drawn at twice the logical size with width and height metadata
 * (sharp on high-density screens, right size on the page), the SVG, and the chart's text summary with its numbers for
 * consoles. A live chart shows its current state the same way. Progress bars need no entry here: they render through
 * their own {@code toHtml()} and {@code toString()}.
 */
final class LabChartRenderer {

    private LabChartRenderer() {
    }

    static void registerIn(Renderers renderers) {
        renderers.register(Chart.class, LabChartRenderer::render);
        renderers.register(LiveChart.class, live -> render(live.snapshot()));
    }

    static MimeBundle render(Chart<?> chart) {
        // A live chart's snapshot was drawn already on its painter thread; rendering() then only reads the cache.
        Rendering drawn = chart.rendering();
        return new MimeBundle()
                .with("text/plain", drawn.summary())
                .with("image/png", Base64.getEncoder().encodeToString(drawn.png()))
                .withMetadata("image/png", "width", drawn.width())
                .withMetadata("image/png", "height", drawn.height())
                .with("image/svg+xml", drawn.svg());
    }
}
