package vmlab.display;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * XChart charts as a PNG drawn at twice the size (sharp on high-density screens; width and height metadata keep its
 * on-page size) and as SVG from XChart's own vector encoder, plus a text line for consoles.
 */
final class ChartRenderer {

    private ChartRenderer() {
    }

    static void registerIn(Renderers renderers) {
        renderers.register(Chart.class, ChartRenderer::render);
    }

    static MimeBundle render(Chart<?, ?> chart) throws IOException {
        int width = chart.getWidth();
        int height = chart.getHeight();
        MimeBundle bundle = new MimeBundle()
                .with("text/plain", chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" (" + width + "\u00d7" + height + ")")
                .with("image/png", Base64.getEncoder().encodeToString(png(chart, 2)))
                .withMetadata("image/png", "width", width)
                .withMetadata("image/png", "height", height);
        String svg = svg(chart);
        if (svg != null) {
            bundle.with("image/svg+xml", svg);
        }
        return bundle;
    }

    static byte[] png(Chart<?, ?> chart, int scale) throws IOException {
        int width = chart.getWidth();
        int height = chart.getHeight();
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The SVG, or null when the vector library is missing: the PNG alone still shows the chart. */
    static String svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | LinkageError e) {
            return null;
        }
    }
}
