package vmlab.display;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Base64;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {

    private final Renderers renderers = Renderers.withBuiltIns();

    /** A lab object as later issues write them: text for consoles, HTML for notebooks. */
    public static final class Machine {
        @Override
        public String toString() {
            return "Machine(2 harts)";
        }

        public String toHtml() {
            return "<b>Machine</b> with 2 harts";
        }
    }

    @Test
    void aLabObjectWithToHtmlShowsAsHtmlAndText() {
        MimeBundle bundle = renderers.render(new Machine());
        assertEquals("<b>Machine</b> with 2 harts", bundle.data().get("text/html"));
        assertEquals("Machine(2 harts)", bundle.data().get("text/plain"));
    }

    @Test
    void anyOtherObjectShowsAsItsToString() {
        MimeBundle bundle = renderers.render(java.util.List.of(1, 2));
        assertEquals("[1, 2]", bundle.data().get("text/plain"));
        assertEquals(1, bundle.data().size());
    }

    @Test
    void aSmallTableShowsEveryRowWithEscapedCells() {
        Table t = Table.create("guests", StringColumn.create("name", "<init>", "shell"), IntColumn.create("pid", 1, 2));
        String html = renderers.render(t).data().get("text/html");
        assertTrue(html.matches(".*<th[^>]*>name</th><th[^>]*>pid</th>.*"), html);
        assertTrue(html.contains("&lt;init&gt;"), html);
        assertTrue(html.contains("2 rows"), html);
    }

    @Test
    void aBigTableShowsItsHeadAndTailOnly() {
        Table t = Table.create("trace", IntColumn.create("step", IntStream.range(0, 10_000).toArray()));
        MimeBundle bundle = renderers.render(t);
        String html = bundle.data().get("text/html");
        assertTrue(html.contains("10,000 rows"), "the caption keeps the full size");
        assertTrue(html.contains(">19<") && html.contains(">9,999<"), "head and tail are shown");
        assertFalse(html.contains(">5,000<"), "the middle is left out");
        assertTrue(html.contains("9,975 more rows"), html.substring(0, 400));
        assertTrue(html.length() < 20_000, "size " + html.length());
    }

    @Test
    void anXChartShowsAsAHighDensityPngWithItsSizeAndAsSvg() {
        XYChart chart = new XYChartBuilder().width(400).height(300).title("IPC").build();
        chart.addSeries("engine", new double[] {1, 2, 3}, new double[] {1, 4, 9});
        MimeBundle bundle = renderers.render(chart);
        byte[] png = Base64.getDecoder().decode(bundle.data().get("image/png"));
        assertEquals((byte) 0x89, png[0]);
        int pixelWidth = ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
        assertEquals(800, pixelWidth, "drawn at twice the size");
        assertEquals(400, bundle.metadata().get("image/png").get("width"));
        assertEquals(300, bundle.metadata().get("image/png").get("height"));
        assertTrue(bundle.data().get("image/svg+xml").contains("<svg"), "SVG from XChart's encoder");
    }

    @Test
    void laterRegistrationsOfSubtypesWin() {
        Renderers own = Renderers.withBuiltIns();
        own.register(CharSequence.class, s -> MimeBundle.text("chars: " + s));
        own.register(String.class, s -> MimeBundle.text("string: " + s));
        assertEquals("string: x", own.render("x").data().get("text/plain"));
        assertEquals("chars: y", own.render(new StringBuilder("y")).data().get("text/plain"));
    }
}
