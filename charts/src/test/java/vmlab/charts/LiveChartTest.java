package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class LiveChartTest {

    private static final long INTERVAL_MS = 100;

    /** Adds {@code points} points spread over about {@code millis}, ten at a time (sleeping, not spinning, between). */
    private static void measure(LiveChart live, int points, long millis) throws InterruptedException {
        long pauseNanos = millis * 1_000_000 / Math.max(1, points / 10);
        long next = System.nanoTime();
        for (int i = 0; i < points; i++) {
            live.add(i % 2 == 0 ? "fast" : "reference", i * 0.01, Math.sqrt(i));
            if (i % 10 == 9) {
                next += pauseNanos;
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    @Test
    void updatesAreThrottledAndTheFinalOneCarriesEveryPoint() throws Exception {
        RecordingSurface surface = new RecordingSurface();
        LiveChart live = new LiveChart("Warm-up", surface, INTERVAL_MS, 1.0).xAxis("time", "s").yAxis("speed", "MIPS");
        long start = System.nanoTime();
        measure(live, 2000, 1000);
        live.finish();
        double seconds = (System.nanoTime() - start) / 1e9;

        List<RecordingSurface.Call> calls = surface.calls();
        long maxUpdates = (long) Math.ceil(seconds * 1000 / INTERVAL_MS) + 2; // + the first show + the final update
        assertTrue(calls.size() <= maxUpdates, calls.size() + " display calls for 2000 points in " + seconds
                + " s; the throttle allows at most " + maxUpdates);
        assertTrue(calls.size() >= 3, "the chart grows while measuring, not only at the end: " + calls.size());
        assertEquals(1, calls.stream().filter(c -> c.kind().equals("show")).count(), "shown exactly once");
        assertEquals("show", calls.get(0).kind());
        assertTrue(calls.stream().allMatch(c -> c.displayId().equals("display-0")), "updates reuse the display id");

        SeriesChart last = assertInstanceOf(SeriesChart.class, surface.last().content());
        assertEquals(2000, last.totalPoints(), "the final update carries all points");
        assertEquals(1000, last.points("fast"));
        assertEquals(live.updates(), calls.size());
        BufferedImage sharp = ImageIO.read(new ByteArrayInputStream(last.png()));
        assertEquals(2 * last.width(), sharp.getWidth(), "the final frame, which the notebook keeps, is drawn at 2x");
        SeriesChart passing = (SeriesChart) calls.get(calls.size() - 2).content();
        assertEquals(passing.width(), ImageIO.read(new ByteArrayInputStream(passing.png())).getWidth(),
                "passing frames are drafts at 1x");
    }

    @Test
    void updatesComeNoFasterThanTheInterval() throws Exception {
        RecordingSurface surface = new RecordingSurface();
        LiveChart live = new LiveChart("spacing", surface, INTERVAL_MS, 1.0);
        measure(live, 1000, 700);
        live.finish();
        List<RecordingSurface.Call> calls = surface.calls();
        // Every gap but the last (finish() is sent at once, whatever the throttle says) respects the interval.
        for (int i = 1; i < calls.size() - 1; i++) {
            long gapMs = (calls.get(i).nanos() - calls.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMs >= INTERVAL_MS - 5, "update " + i + " came " + gapMs + " ms after the previous one");
        }
    }

    @Test
    void finishSendsTheFinalStateEvenWhenNothingChanged() {
        RecordingSurface surface = new RecordingSurface();
        LiveChart live = new LiveChart("idle", surface, INTERVAL_MS).show();
        live.finish();
        assertEquals(List.of("show", "update"), surface.calls().stream().map(RecordingSurface.Call::kind).toList());
    }

    @Test
    void nothingFollowsTheFinalUpdate() throws Exception {
        RecordingSurface surface = new RecordingSurface();
        try (LiveChart live = new LiveChart("closing", surface, 10)) {
            measure(live, 200, 50);
        }
        int calls = surface.calls().size();
        Thread.sleep(100);
        assertEquals(calls, surface.calls().size(), "no late painter run after close()");
    }

    @Test
    void addingAfterFinishIsAnError() {
        LiveChart live = new LiveChart("done", new RecordingSurface(), INTERVAL_MS);
        live.add(1, 1);
        live.finish();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> live.add(2, 2));
        assertTrue(e.getMessage().contains("finished"), e.getMessage());
    }

    @Test
    void aFailingDisplayDoesNotStopTheMeasurement() {
        DisplaySurface broken = new DisplaySurface() {
            @Override
            public String show(Object content) {
                throw new IllegalStateException("front end went away");
            }

            @Override
            public void update(String displayId, Object content) {
                throw new IllegalStateException("front end went away");
            }
        };
        LiveChart live = new LiveChart("broken", broken, 1);
        for (int i = 0; i < 100; i++) {
            live.add(i, i);
        }
        live.finish();
        assertEquals(100, live.snapshot().totalPoints());
    }

    @Test
    void rowsFeedTheNamedColumns() {
        RecordingSurface surface = new RecordingSurface();
        LiveChart live = new LiveChart("sweep", surface, INTERVAL_MS).fromRows("users", "response_ms", "quantum");
        Table table = SampleTables.responseTimes("1 ms", "10 ms");
        table.forEach(live);
        live.finish();
        SeriesChart last = (SeriesChart) surface.last().content();
        assertEquals(List.of("1 ms", "10 ms"), last.seriesNames());
        assertEquals(10, last.points("10 ms"));
        assertTrue(last.summary().contains("response_ms against users"), last.summary());
    }

    @Test
    void withoutAKernelNothingIsShownButTheChartIsKept() {
        LiveChart live = Charts.live("no kernel");
        live.add(1, 2).add(2, 4);
        live.finish();
        assertEquals(2, live.snapshot().totalPoints());
        assertTrue(live.displayId().startsWith("nowhere-"), live.displayId());
    }
}
