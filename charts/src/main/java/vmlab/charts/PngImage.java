package vmlab.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Draws an XChart chart into a PNG at a pixel scale, headless.
 *
 * <p>The encoder is our own rather than ImageIO's because ImageIO tries all five PNG row filters on every row, which
 * costs more than drawing the chart. Charts are large flat areas with thin lines: the "Up" filter turns most rows into
 * zeros and a fast deflate level then gives nearly the same size in a third of the time, which is what lets a live
 * chart redraw several times a second. The pHYs chunk records the doubled density (144 dpi), so image viewers and word
 * processors show a saved file at its logical size too.
 */
final class PngImage {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final double METRES_PER_INCH = 0.0254;
    private static final int FILTER_UP = 2;
    private static final int COLOR_TYPE_RGB = 2;

    private PngImage() {
    }

    /**
     * One canvas per drawing thread, reused while the size stays the same: a live chart redraws several times a second,
     * and a fresh 4 MB image each time is garbage the collector would take CPU from the measurement to clear.
     */
    private static final ThreadLocal<BufferedImage> CANVAS = new ThreadLocal<>();

    static byte[] encode(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int width, int height, int scale) {
        BufferedImage image = canvas(width * scale, height * scale);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(scale, scale);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return write(image, 72 * scale);
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage image = CANVAS.get();
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            CANVAS.set(image);
        }
        return image;
    }

    /** Encodes a TYPE_INT_RGB image as an 8-bit RGB PNG. */
    static byte[] write(BufferedImage image, int dpi) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ByteArrayOutputStream png = new ByteArrayOutputStream(128 * 1024);
        try (DataOutputStream out = new DataOutputStream(png)) {
            out.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8); // bits per channel
            h.writeByte(COLOR_TYPE_RGB);
            h.writeByte(0); // deflate
            h.writeByte(0); // adaptive filtering (per-row filter byte)
            h.writeByte(0); // no interlace
            chunk(out, "IHDR", header.toByteArray());
            int perMetre = (int) Math.round(dpi / METRES_PER_INCH);
            ByteArrayOutputStream phys = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(phys);
            p.writeInt(perMetre);
            p.writeInt(perMetre);
            p.writeByte(1); // unit: metre
            chunk(out, "pHYs", phys.toByteArray());
            chunk(out, "IDAT", compress(pixels, width, height));
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG", e);
        }
        return png.toByteArray();
    }

    private static byte[] compress(int[] pixels, int width, int height) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(128 * 1024);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream zip = new DeflaterOutputStream(data, deflater, 64 * 1024)) {
            byte[] row = new byte[1 + width * 3];
            row[0] = FILTER_UP;
            for (int y = 0; y < height; y++) {
                int at = y * width;
                int above = at - width;
                for (int x = 0, i = 1; x < width; x++, i += 3) {
                    int rgb = pixels[at + x];
                    int up = y == 0 ? 0 : pixels[above + x];
                    row[i] = (byte) ((rgb >>> 16) - (up >>> 16));
                    row[i + 1] = (byte) ((rgb >>> 8) - (up >>> 8));
                    row[i + 2] = (byte) (rgb - up);
                }
                zip.write(row);
            }
        } finally {
            deflater.end();
        }
        return data.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
