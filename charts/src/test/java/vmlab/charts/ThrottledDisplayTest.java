package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ThrottledDisplayTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Burns {@code millis} of this thread's CPU time (not wall time: the machine may be busy), like a drawing. */
    private static void burn(long millis) {
        long until = THREADS.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 1;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            x = x * 31 + 7;
        }
        if (x == 0) {
            System.out.print("");
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Test
    void costlyDrawingsAreSpacedToStayWithinTheirShareOfACore() throws Exception {
        RecordingSurface surface = new RecordingSurface();
        ThrottledDisplay display = new ThrottledDisplay(surface, last -> {
            burn(10);
            return "drawing";
        }, 0, 0.1, () -> false);
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
    void onASaturatedMachineTheProcessMustDoTwentyTimesTheDrawingsWorkBetweenUpdates() {
        List<Long> processCpuAtDrawing = new ArrayList<>();
        AtomicInteger drawings = new AtomicInteger();
        ThrottledDisplay display = new ThrottledDisplay(new RecordingSurface(), last -> {
            synchronized (processCpuAtDrawing) {
                processCpuAtDrawing.add(processCpuNanos());
            }
            burn(5);
            return drawings.incrementAndGet();
        }, 0, 0.05, () -> true);
        // A CPU-bound measurement: every point costs a millisecond of this thread's CPU.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (drawings.get() < 5 && System.nanoTime() < deadline) {
            burn(1);
            display.changed();
        }
        display.finish();
        synchronized (processCpuAtDrawing) {
            assertTrue(processCpuAtDrawing.size() >= 5, "the display kept updating: " + processCpuAtDrawing.size());
            // Between two painter drawings (not the first show, whose cost is not budgeted, nor the final one) the
            // process did at least 5 ms / 5% = 100 ms of CPU work, the drawing's own 5 ms included.
            for (int i = 2; i < processCpuAtDrawing.size() - 1; i++) {
                long workMs = (processCpuAtDrawing.get(i) - processCpuAtDrawing.get(i - 1)) / 1_000_000;
                assertTrue(workMs >= 95, "drawing " + i + " after only " + workMs + " ms of the process's CPU");
            }
        }
    }

    @Test
    void theFirstChangeShowsOnTheCallersThread() {
        RecordingSurface surface = new RecordingSurface();
        ThrottledDisplay display = new ThrottledDisplay(surface, last -> Thread.currentThread().getName(), 50);
        display.changed();
        assertEquals(1, surface.calls().size(), "shown at once, not later on the painter");
        assertEquals(Thread.currentThread().getName(), surface.calls().get(0).content(),
                "so the kernel files the output under the running cell");
        display.finish();
    }
}
