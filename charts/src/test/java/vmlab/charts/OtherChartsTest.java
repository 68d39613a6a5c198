package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Stacked bars, timelines and histograms: their numbers and that they draw. */
class OtherChartsTest {

    private static Table layers() {
        return Table.create("split", StringColumn.create("configuration", "native", "type 1", "type 2"),
                DoubleColumn.create("guest", 1.0, 1.0, 1.0), DoubleColumn.create("vmm", 0.0, 0.5, 1.0),
                DoubleColumn.create("host", 0.0, 0.5, 2.0));
    }

    private static Table roundRobin() {
        Table table = Table.create("slices", StringColumn.create("cpu"), StringColumn.create("process"),
                DoubleColumn.create("start"), DoubleColumn.create("end"));
        String[] processes = {"editor", "compiler", "shell"};
        for (int slice = 0; slice < 12; slice++) {
            table.stringColumn("cpu").append("cpu" + slice % 2);
            table.stringColumn("process").append(processes[slice % 3]);
            table.doubleColumn("start").append(slice / 2 * 10.0);
            table.doubleColumn("end").append(slice / 2 * 10.0 + 8);
        }
        return table;
    }

    @Test
    void stackedSharesAddUpToAHundredPercent() {
        StackedBarChart chart = Charts.stacked(layers(), "configuration", "guest", "vmm", "host").asShares();
        assertEquals(25.0, chart.value("type 2", "guest"), 1e-9);
        assertEquals(100.0, chart.value("type 2", "guest") + chart.value("type 2", "vmm")
                + chart.value("type 2", "host"), 1e-9);
    }

    @Test
    void stackedBarsUseOneColourPerLayer() throws Exception {
        StackedBarChart chart = Charts.stacked(layers(), "configuration", "guest", "vmm", "host").yAxis("time", "s");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        for (int layer = 0; layer < 3; layer++) {
            assertTrue(countPixels(image, Theme.color(layer).getRGB()) > 1000, "layer " + layer + " is drawn");
        }
        assertTrue(chart.summary().contains("type 2: guest 1.000 (25%), vmm 1.000 (25%), host 2.000 (50%)"),
                chart.summary());
    }

    @Test
    void timelineAddsUpEachProcessBusyTime() {
        TimelineChart chart = Charts.timeline(roundRobin(), "cpu", "process", "start", "end").timeAxis("time", "ms");
        assertEquals(List.of("cpu0", "cpu1"), chart.lanes());
        assertEquals(32.0, chart.busyTime().get("editor"), 1e-9, "4 slices of 8 ms");
        assertTrue(chart.summary().contains("editor: 4 slices, busy 32.00"), chart.summary());
    }

    @Test
    void timelineDrawsEveryProcessInItsOwnColour() throws Exception {
        TimelineChart chart = Charts.timeline(roundRobin(), "cpu", "process", "start", "end");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        for (int process = 0; process < 3; process++) {
            assertTrue(countPixels(image, Theme.color(process).getRGB()) > 2000, "process " + process + " is drawn");
        }
    }

    @Test
    void timelineRejectsASliceThatEndsBeforeItStarts() {
        Table table = Table.create("bad", StringColumn.create("cpu", "cpu0"), StringColumn.create("p", "init"),
                DoubleColumn.create("start", 5.0), DoubleColumn.create("end", 4.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.timeline(table, "cpu", "p", "start", "end"));
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("init"), e.getMessage());
    }

    @Test
    void histogramCountsEverySampleOnceOnRoundBins() {
        Random random = new Random(7);
        Table table = Table.create("latency", DoubleColumn.create("us"), StringColumn.create("engine"));
        for (int i = 0; i < 500; i++) {
            table.doubleColumn("us").append(40 + 5 * random.nextGaussian());
            table.stringColumn("engine").append(i % 2 == 0 ? "interpreter" : "jit");
        }
        HistogramChart chart = Charts.histogram(table, "us", "engine").bins(20).valueAxis("latency", "µs");
        assertEquals(250, Arrays.stream(chart.counts("interpreter")).sum());
        assertEquals(250, Arrays.stream(chart.counts("jit")).sum());
        HistogramChart.Bins bins = chart.bins();
        double mantissa = bins.width() / Math.pow(10, Math.floor(Math.log10(bins.width())));
        assertTrue(List.of(1.0, 2.0, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9),
                "bin width " + bins.width() + " is 1, 2 or 5 times a power of ten");
        assertTrue(chart.png().length > 0);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The seven commands of lesson 01's job mix: their one-row legend is wider than the chart. */
    private static Table sevenCommands() {
        String[] commands = {"hello", "fib 12", "matmul 8", "sieve 1000", "quicksort 100", "crc32 -", "loop 100000"};
        Table table = Table.create("cpu", StringColumn.create("user"), StringColumn.create("command"),
                DoubleColumn.create("start_s"), DoubleColumn.create("end_s"));
        for (int slice = 0; slice < 28; slice++) {
            table.stringColumn("user").append("user" + (1 + slice % 8));
            table.stringColumn("command").append(commands[slice % commands.length]);
            table.doubleColumn("start_s").append(slice * 0.4);
            table.doubleColumn("end_s").append(slice * 0.4 + 0.1);
        }
        return table;
    }

    @Test
    void aLegendTooLongForOneRowStaysInsideThePicture() {
        TimelineChart chart = Charts.timeline(sevenCommands(), "user", "command", "start_s", "end_s")
                .title("Who had the CPU").timeAxis("simulated time", "s");
        var drawn = chart.xchart();
        java.awt.Graphics2D g = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB)
                .createGraphics();
        drawn.paint(g, chart.width(), chart.height());
        g.dispose();
        java.awt.geom.Rectangle2D legend = LegendFit.paintedBounds(drawn);
        assertTrue(legend.getWidth() > 50, "the legend is drawn: " + legend);
        assertTrue(legend.getMinX() >= 0 && legend.getMaxX() <= chart.width() && legend.getMinY() >= 0
                && legend.getMaxY() <= chart.height(), "legend " + legend + " inside " + chart.width() + "x"
                + chart.height());
    }

    /** Lesson 01's picture: long lane names push the plot right, and XChart centres the title over the plot. */
    @Test
    void aTitleTooLongForThePictureIsSetSmallerAndStaysInside() throws Exception {
        Table slices = Table.create("picture", StringColumn.create("program", "editor (short)", "crc32 (reads a line)"),
                StringColumn.create("doing", "runs its slice", "waits for its terminal"),
                DoubleColumn.create("from_s", 0.0, 0.2), DoubleColumn.create("to_s", 0.1, 0.7));
        String title = "One CPU, three programs: slices, a blocked read, and the kernel in between";
        TimelineChart chart = Charts.timeline(slices, "program", "doing", "from_s", "to_s").size(640, 300).title(title);
        var drawn = chart.xchart();
        assertTrue(drawn.getStyler().getChartTitleFont().getSize2D() < 15, "the title is set smaller");
        assertEquals(title, drawn.getTitle(), "and kept whole: 640 pixels have room for it at a smaller size");
        BufferedImage png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(chart.png()));
        for (int y = 0; y < png.getHeight() / 4; y++) {
            for (int x = png.getWidth() - 3; x < png.getWidth(); x++) {
                assertEquals(0xFFFFFF, png.getRGB(x, y) & 0xFFFFFF, "the title runs off the right edge at y = " + y);
            }
        }
        TimelineChart narrow = Charts.timeline(slices, "program", "doing", "from_s", "to_s").size(200, 300).title(title);
        assertTrue(narrow.xchart().getTitle().endsWith("\u2026"), "no room even at 10 points: shortened, with an ellipsis");
        TimelineChart shortTitle = Charts.timeline(slices, "program", "doing", "from_s", "to_s").size(640, 300)
                .title("One CPU, three programs");
        assertEquals(15, shortTitle.xchart().getStyler().getChartTitleFont().getSize2D(), "a title that fits is left alone");
    }

    @Test
    void aShortLegendStaysInOneRowUnderThePlot() {
        TimelineChart chart = Charts.timeline(roundRobin(), "cpu", "process", "start", "end");
        var drawn = chart.xchart();
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS, drawn.getStyler().getLegendPosition());
    }
}
