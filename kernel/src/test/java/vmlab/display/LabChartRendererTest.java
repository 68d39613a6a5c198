package vmlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.charts.Charts;
import vmlab.charts.DisplaySurface;
import vmlab.charts.LadderChart;
import vmlab.charts.LiveChart;
import vmlab.charts.ProgressBar;

class LabChartRendererTest {

    /** What a cell's channel received, in order. */
    private record Sent(String kind, String displayId, MimeBundle bundle) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final DisplayChannel recording = new DisplayChannel() {
        @Override
        public synchronized void show(MimeBundle bundle, String displayId) {
            sent.add(new Sent("display_data", displayId, bundle));
        }

        @Override
        public synchronized void update(MimeBundle bundle, String displayId) {
            sent.add(new Sent("update_display_data", displayId, bundle));
        }

        @Override
        public void clear(boolean wait) {
        }

        @Override
        public void page(MimeBundle bundle) {
        }

        @Override
        public String readLine(String prompt, boolean password) {
            throw new UnsupportedOperationException("charts never ask for input");
        }
    };

    @AfterEach
    void unbind() {
        Display.unbind();
        DisplaySurface.install(DisplaySurface.NOWHERE);
    }

    private static LadderChart ladder() {
        Table runs = Table.create("runs", StringColumn.create("configuration", "native", "interpreter"),
                DoubleColumn.create("seconds", 0.5, 20.0));
        return Charts.ladder(runs, "configuration", "seconds").baseline("native").size(600, 360);
    }

    @Test
    void chartsGoOutAsPngAtTwiceTheirSizeAndText() throws Exception {
        MimeBundle bundle = Renderers.standard().render(ladder());
        byte[] png = Base64.getDecoder().decode(bundle.data().get("image/png"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(600, bundle.metadata().get("image/png").get("width"));
        assertEquals(360, bundle.metadata().get("image/png").get("height"));
        assertEquals(1200, image.getWidth(), "drawn at 2x for high-density screens");
        assertEquals(720, image.getHeight());
        assertFalse(bundle.data().containsKey("image/svg+xml"),
                "no SVG: nbconvert's HTML export would show it blank instead of the PNG");
        assertTrue(bundle.data().get("text/plain").contains("interpreter") && bundle.data().get("text/plain")
                .contains("40×"), bundle.data().get("text/plain"));
    }

    @Test
    void aLiveChartIsShownOnceThenUpdatedUnderTheSameDisplayId() {
        Display.bind(recording);
        DisplaySurface.install(new LiveDisplaySurface());
        try (LiveChart live = Charts.live("warm-up").xAxis("time", "s").yAxis("speed", "MIPS")) {
            for (int i = 0; i < 50; i++) {
                live.add(i * 0.1, i);
            }
        }
        List<Sent> calls;
        synchronized (recording) {
            calls = List.copyOf(sent);
        }
        assertEquals("display_data", calls.get(0).kind());
        assertTrue(calls.size() >= 2, "at least the final update follows the first display: " + calls.size());
        String id = calls.get(0).displayId();
        for (Sent s : calls.subList(1, calls.size())) {
            assertEquals("update_display_data", s.kind());
            assertEquals(id, s.displayId());
        }
        MimeBundle last = calls.get(calls.size() - 1).bundle();
        assertTrue(last.data().containsKey("image/png"), last.data().keySet().toString());
        assertTrue(last.data().get("text/plain").contains("50 points"), last.data().get("text/plain"));
    }

    @Test
    void aProgressBarShowsHtmlAndText() {
        Display.bind(recording);
        DisplaySurface.install(new LiveDisplaySurface());
        ProgressBar bar = Charts.progress("Benchmarks");
        for (int i = 1; i <= 10; i++) {
            bar.progress(i, 10, "run " + i);
        }
        List<Sent> calls;
        synchronized (recording) {
            calls = List.copyOf(sent);
        }
        MimeBundle last = calls.get(calls.size() - 1).bundle();
        assertEquals("update_display_data", calls.get(calls.size() - 1).kind());
        assertTrue(last.data().get("text/html").contains("width:100.0%"), last.data().get("text/html"));
        assertTrue(last.data().get("text/plain").contains("10/10 (100%)"), last.data().get("text/plain"));
    }
}
