package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import vmlab.evaluation.CellValue;
import vmlab.evaluation.JShellEvaluator;

/**
 * Lesson 01's charts as the lesson draws them, its own cells run in order: every legend lies inside its picture. The
 * CPU timeline ("Who had the CPU in the first 12 simulated seconds") once cut its legend's last entry to a lone "m" at
 * the right edge of the PNG, because its seven commands did not fit in one row under the plot.
 */
class TimeSharingLessonLegendsIT {

    private static final Path LESSON = Path.of("..", "notebooks", "01-time-sharing.ipynb").toAbsolutePath().normalize();

    @Test
    void everyLegendInLessonOneFitsInsideItsPicture() throws Exception {
        List<Chart<?>> charts = new ArrayList<>();
        boolean timelineSeen = false;
        try (JShellEvaluator jshell = JShellEvaluator.start()) {
            for (JsonNode cell : new ObjectMapper().readTree(LESSON.toFile()).path("cells")) {
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                StringBuilder source = new StringBuilder();
                cell.path("source").forEach(line -> source.append(line.asText()));
                CellValue value = jshell.evaluate(source.toString());
                if (value.present() && value.value() instanceof Chart<?> chart) {
                    charts.add(chart);
                    timelineSeen |= chart.title().startsWith("Who had the CPU");
                }
            }
        }
        assertTrue(timelineSeen, "lesson 01 draws its CPU timeline; charts found: " + charts.size());
        for (Chart<?> chart : charts) {
            Rectangle2D legend = paintedLegend(chart);
            assertTrue(legend.getMinX() >= 0 && legend.getMinY() >= 0 && legend.getMaxX() <= chart.width()
                    && legend.getMaxY() <= chart.height(), "'" + chart.title() + "': legend " + legend
                    + " outside its " + chart.width() + "x" + chart.height() + " picture");
            assertNothingTouchesTheRightOrBottomEdge(chart);
        }
    }

    /** Where the legend lands when the chart is painted as its PNG is (same rendering hints, same scale). */
    private static Rectangle2D paintedLegend(Chart<?> chart) {
        var drawn = chart.xchart();
        int scale = 2;
        BufferedImage image = new BufferedImage(chart.width() * scale, chart.height() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(scale, scale);
            drawn.paint(g, chart.width(), chart.height());
        } finally {
            g.dispose();
        }
        return LegendFit.paintedBounds(drawn);
    }

    /** A clipped legend leaves ink in the PNG's last columns; a picture that fits leaves a white margin there. */
    private static void assertNothingTouchesTheRightOrBottomEdge(Chart<?> chart) throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(chart.png()));
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = png.getWidth() - 3; x < png.getWidth(); x++) {
                assertTrue((png.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF,
                        "'" + chart.title() + "': something is cut off at the right edge, at y = " + y);
            }
        }
        for (int x = 0; x < png.getWidth(); x++) {
            for (int y = png.getHeight() - 3; y < png.getHeight(); y++) {
                assertTrue((png.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF,
                        "'" + chart.title() + "': something is cut off at the bottom edge, at x = " + x);
            }
        }
    }
}
