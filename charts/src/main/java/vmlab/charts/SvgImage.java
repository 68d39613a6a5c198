package vmlab.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;

/** Draws an XChart chart as SVG (text stays text, so a report can still search and restyle it). */
final class SvgImage {

    private SvgImage() {
    }

    static String encode(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as SVG", e);
        }
        return withoutPrologue(bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Drops the XML declaration and the DOCTYPE: notebooks paste SVG inline into HTML, where they do not belong, and the
     * DOCTYPE's external DTD makes naive XML readers try to download it. The SVG stays a valid standalone file.
     */
    static String withoutPrologue(String svg) {
        int start = svg.indexOf("<svg");
        return start > 0 ? svg.substring(start) : svg;
    }
}
