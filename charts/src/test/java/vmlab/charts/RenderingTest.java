package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class RenderingTest {

    private final SeriesChart chart = Charts.timeSeries(SampleTables.warmUp(200), "time", "mips")
            .yAxis("speed", "MIPS").title("Warm-up").size(500, 300);

    @Test
    void rendersWithoutADisplay() {
        assertTrue(GraphicsEnvironment.isHeadless(), "the build runs charts with java.awt.headless=true");
        assertTrue(chart.png().length > 1000);
    }

    @Test
    void pngDecodesAtTwiceTheLogicalSize() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        assertEquals(500, chart.width());
        assertEquals(300, chart.height());
    }

    @Test
    void pngRecordsItsDoubledDensityForViewers() throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(chart.png()))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Element root = (Element) metadata.getAsTree("javax_imageio_png_1.0");
            Element phys = (Element) root.getElementsByTagName("pHYs").item(0);
            assertEquals("5669", phys.getAttribute("pixelsPerUnitXAxis"), "144 dpi in pixels per metre");
        }
    }

    @Test
    void pngShowsTheDataNotABlankCanvas() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        int seriesBlue = Theme.color(0).getRGB() & 0xFFFFFF;
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == seriesBlue) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 500, "the line of the first series is drawn in the palette's first colour, found " + blue);
    }

    @Test
    void svgParsesWithTheLogicalSize() throws Exception {
        SvgDocument svg = SvgDocument.parse(chart.svg());
        assertEquals("svg", svg.root().getLocalName());
        assertEquals("0 0 500 300", svg.root().getAttribute("viewBox"));
    }

    @Test
    void renderingBundlesEverythingAFrontEndShows() {
        Rendering rendering = chart.rendering();
        assertEquals(500, rendering.width());
        assertEquals(300, rendering.height());
        assertTrue(rendering.summary().contains("200 points"), rendering.summary());
        assertTrue(rendering.svg().startsWith("<svg"), "inline-ready SVG, no XML prologue");
    }

    @Test
    void savesPngAndSvgByExtension(@TempDir Path dir) throws Exception {
        Path png = chart.save(dir.resolve("fig.png").toString());
        Path svg = chart.save(dir.resolve("figures/fig.svg").toString());
        assertArrayEquals(chart.png(), Files.readAllBytes(png));
        SvgDocument.parse(Files.readString(svg));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chart.save(dir.resolve("fig.jpeg").toString()));
        assertTrue(e.getMessage().contains(".png or .svg"), e.getMessage());
    }

    @Test
    void changingTheChartRedrawsIt() {
        byte[] before = chart.png();
        chart.title("Warm-up, second run");
        assertTrue(!java.util.Arrays.equals(before, chart.png()), "a new title must give a new drawing");
    }

    @Test
    void themeUsesDebianDefaultFont() {
        assertEquals("DejaVu Sans", Theme.FONT_FAMILY, "fonts-dejavu-core provides DejaVu Sans on Debian");
    }
}
