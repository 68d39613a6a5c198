package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ThrottledDisplayTest {

    /** Burns {@code millis} of this thread's CPU time (not wall time: the machine may be busy), like a drawing. */
    private static void burn(long millis) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 1;
        while (threads.getCurrentThreadCpuTime() < until) {
            x = x * 31 + 7;
        }
        if (x == 0) {
            System.out.print("");
        }
    }

    @Test
    void costlyDrawingsAreSpacedToStayWithinTheirShareOfACore() throws Exception {
        RecordingSurface surface = new RecordingSurface();
        AtomicInteger drawn = new AtomicInteger();
        ThrottledDisplay display = new ThrottledDisplay(surface, () -> {
            burn(10);
            return drawn.incrementAndGet();
        }, 0, 0.1);
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            display.changed();
            Thread.sleep(1);
        }
        display.finish();
        List<RecordingSurface.Call> calls = surface.calls();
        // 10 ms of CPU per drawing at 10% of a core: at least 100 ms apart (the first show is warm-up, not counted).
        for (int i = 2; i < calls.size() - 1; i++) {
            long gapMs = (calls.get(i).nanos() - calls.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMs >= 95, "drawing " + i + " came " + gapMs + " ms after the previous one");
        }
        assertTrue(calls.size() <= 13, "at most ~10 drawings fit in one second: " + calls.size());
        assertTrue(calls.size() >= 3, "yet the display is updated while things change: " + calls.size());
    }

    @Test
    void theFirstChangeShowsOnTheCallersThread() {
        RecordingSurface surface = new RecordingSurface();
        ThrottledDisplay display = new ThrottledDisplay(surface, () -> Thread.currentThread().getName(), 50);
        display.changed();
        assertEquals(1, surface.calls().size(), "shown at once, not later on the painter");
        assertEquals(Thread.currentThread().getName(), surface.calls().get(0).content(),
                "so the kernel files the output under the running cell");
        display.finish();
    }
}
