package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void reachingTheTotalSendsTheFinalState() {
        RecordingSurface surface = new RecordingSurface();
        ProgressBar bar = new ProgressBar("Benchmarks", surface, 200);
        for (int i = 1; i <= 40; i++) {
            bar.progress(i, 40, "workload " + i);
        }
        ProgressState last = assertInstanceOf(ProgressState.class, surface.last().content());
        assertEquals(40, last.done());
        assertTrue(last.isComplete());
        assertTrue(surface.calls().size() <= 3, "40 quick steps are not 40 updates: " + surface.calls().size());
        assertTrue(last.toString().contains("40/40 (100%)") && last.toString().contains("done in"), last.toString());
    }

    @Test
    void htmlShowsBarCountRateAndTimeLeft() {
        ProgressState state = new ProgressState("Sweep <quantum>", 25, 100, "quantum 10 ms", 5.0);
        String html = state.toHtml();
        assertTrue(html.contains("width:25.0%"), html);
        assertTrue(html.contains("25/100 (25%)"), html);
        assertTrue(html.contains("5.00/s"), html);
        assertTrue(html.contains("15 s left"), "75 steps at 5 per second: " + html);
        assertTrue(html.contains("Sweep &lt;quantum&gt;"), "labels are escaped: " + html);
    }

    @Test
    void unknownTotalShowsCountAndRateWithoutABar() {
        ProgressState state = new ProgressState("Tracing", 1200, -1, "", 2.0);
        assertTrue(!state.toHtml().contains("progressbar"), state.toHtml());
        assertTrue(state.toString().contains("1,200 · 600/s · 2.0 s so far"), state.toString());
    }

    @Test
    void textFormDrawsTheBar() {
        ProgressState state = new ProgressState("Runs", 1, 2, "fib", 1.0);
        assertTrue(state.toString().startsWith("Runs [###############...............] 1/2 (50%)"), state.toString());
    }

    @Test
    void methodHasTheShapeOfProgressListener() throws Exception {
        // vm-lab's ProgressListener is void progress(long done, long total, String what); a cell passes bar::progress.
        java.lang.reflect.Method method = ProgressBar.class.getMethod("progress", long.class, long.class,
                String.class);
        assertEquals(void.class, method.getReturnType());
    }
}
