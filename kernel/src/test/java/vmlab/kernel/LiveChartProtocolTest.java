package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live charts and progress bars as a Jupyter client receives them over real ZeroMQ: one display_data, then
 * update_display_data messages with the same display_id, all filed under the cell that runs, the last one carrying the
 * final state.
 */
class LiveChartProtocolTest {

    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        client = TestClient.onFreshKernel();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void quiet() {
        client.drainIopub();
    }

    private static String liveChartCell(String title, int points) {
        return "try (var live = Charts.live(\"" + title + "\").xAxis(\"time\", \"s\").yAxis(\"speed\", \"MIPS\")) {\n"
                + "    for (int i = 0; i < " + points + "; i++) {\n"
                + "        live.add(\"block compiler\", i * 0.01, 200 * (1 - Math.exp(-i / 60.0)));\n"
                + "        Thread.sleep(3);\n"
                + "    }\n"
                + "}";
    }

    @Test
    void aLiveChartIsDisplayedOnceThenUpdatedInPlaceWithItsFinalState() throws Exception {
        long start = System.nanoTime();
        TestClient.Executed run = client.execute(liveChartCell("Warm-up", 300));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("ok", run.status(), run.outputs().toString());

        List<JupyterMessage> shown = run.ofType("display_data");
        List<JupyterMessage> updates = run.ofType("update_display_data");
        assertEquals(1, shown.size(), "displayed once: " + run.outputs());
        assertFalse(updates.isEmpty(), "then updated in place");
        assertTrue(updates.size() <= seconds * 4 + 2, updates.size() + " updates in " + seconds + " s: throttled");
        String id = shown.get(0).content().path("transient").path("display_id").asText();
        assertFalse(id.isEmpty(), "the display has an id to update");
        for (JupyterMessage update : updates) {
            assertEquals(id, update.content().path("transient").path("display_id").asText());
        }

        JupyterMessage last = updates.get(updates.size() - 1);
        assertTrue(last.content().path("data").path("text/plain").asText().contains("300 points"),
                "the last update has every point: " + last.content().path("data").path("text/plain"));
        byte[] png = Base64.getDecoder().decode(last.content().path("data").path("image/png").asText());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int width = last.content().path("metadata").path("image/png").path("width").asInt();
        assertEquals(640, width);
        assertEquals(2 * width, image.getWidth(), "PNG drawn at 2x its display width");
    }

    @Test
    void aLiveChartInALaterCellIsFiledUnderThatCell() {
        // The updates come from a background painter thread; they must not stick to the cell that started it first.
        client.execute(liveChartCell("first", 20));
        TestClient.Executed second = client.execute(liveChartCell("second", 60));
        // outputs() only collects messages whose parent is this cell's execute_request.
        assertEquals(1, second.ofType("display_data").size(), second.outputs().toString());
        JupyterMessage last = second.ofType("update_display_data").get(second.ofType("update_display_data").size() - 1);
        assertTrue(last.content().path("data").path("text/plain").asText().startsWith("second"),
                last.content().path("data").path("text/plain").asText());
    }

    @Test
    void aProgressBarShowsHtmlThenItsFinalCount() {
        TestClient.Executed run = client.execute("var bar = Charts.progress(\"Benchmarks\");\n"
                + "for (int i = 1; i <= 40; i++) { Thread.sleep(5); bar.progress(i, 40, \"run \" + i); }");
        assertEquals("ok", run.status(), run.outputs().toString());
        JupyterMessage shown = run.ofType("display_data").get(0);
        assertTrue(shown.content().path("data").path("text/html").asText().contains("Benchmarks"));
        String id = shown.content().path("transient").path("display_id").asText();
        List<JupyterMessage> updates = run.ofType("update_display_data");
        JupyterMessage last = updates.get(updates.size() - 1);
        assertEquals(id, last.content().path("transient").path("display_id").asText());
        assertTrue(last.content().path("data").path("text/plain").asText().contains("40/40 (100%)"),
                last.content().path("data").path("text/plain").asText());
        assertTrue(last.content().path("data").path("text/html").asText().contains("width:100.0%"));
    }
}
