package vmlab.evaluation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of runaway cell stops within two seconds of an interrupt, without {@code Thread.stop}, and what the
 * notebook defined before it is still there. Each cell is one block that first announces that it runs, through a system
 * property, so the interrupt reaches it while it really runs, not while it compiles.
 */
class CellInterruptTest {

    private static final long LIMIT_MS = 2_000;
    private static JShellEvaluator jshell;

    @BeforeAll
    static void start() throws Exception {
        jshell = JShellEvaluator.start();
        jshell.evaluate("String kept = \"still here\";");
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    /** Runs the cell, interrupts it once it has started, and returns how long it took to stop. */
    private static long stopTime(String name, String cell) throws Exception {
        String property = "vmlab.test.running." + name;
        System.clearProperty(property);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                jshell.evaluate("{\n    System.setProperty(\"" + property + "\", \"yes\");\n" + cell + "\n}");
                return null;
            } catch (EvaluationException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.getProperty(property) == null && !outcome.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(System.getProperty(property) != null, name + ": the cell never started: " + outcome.getNow(null));
        Thread.sleep(300); // let it get into its loop, sleep or read
        long start = System.nanoTime();
        jshell.interrupt();
        Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(CellInterruptedException.class, thrown, name);
        assertEquals("still here", jshell.evaluate("kept").value(), name + ": earlier variables survive");
        return ms;
    }

    private static void assertStopsInTime(String name, String cell) throws Exception {
        long ms = stopTime(name, cell);
        assertTrue(ms < LIMIT_MS, name + " stopped " + ms + " ms after the interrupt");
    }

    @Test
    void anEmptyEndlessLoopStops() throws Exception {
        assertStopsInTime("loop", "while (true) {}");
    }

    @Test
    void aLoopInAMethodTheCellDefinedStops() throws Exception {
        jshell.evaluate("long spin() { long turns = 0; for (;;) { turns++; } }");
        assertStopsInTime("method", "spin();");
    }

    @Test
    void aLoopTheJitHasAlreadyCompiledStops() throws Exception {
        // The checks compile to nothing in JIT-compiled code; the interrupt must throw that code away. So the method is
        // first called until HotSpot's optimizing compiler has surely compiled it (thousands of calls), then run forever.
        jshell.evaluate("long mix(long n) { long h = 1; for (long i = 0; i < n; i++) { h = h * 31 + (i ^ (h >>> 7)); }"
                + " return h; }");
        jshell.evaluate("long warm = 0; for (int i = 0; i < 30_000; i++) { warm += mix(1_000); }");
        assertStopsInTime("compiled", "mix(Long.MAX_VALUE);");
        assertTrue((Long) jshell.evaluate("mix(1_000)").value() != 0, "the method still runs after the interrupt");
    }

    @Test
    void deepRecursionStopsAndUnwinds() throws Exception {
        // Goes 20,000 frames down, then branches forever: no loop at all, only method entries.
        jshell.evaluate("long descend(int depth) { return depth == 0 ? 1 : descend(depth - 1) + descend(depth - 1); }");
        assertStopsInTime("recursion", "descend(20_000);");
    }

    @Test
    void aBusyLambdaInAStreamStops() throws Exception {
        assertStopsInTime("stream", "java.util.stream.LongStream.iterate(0, i -> i + 1).filter(i -> i < 0).findFirst();");
    }

    @Test
    void aCellThatCatchesEverythingIsStoppedAgain() throws Exception {
        assertStopsInTime("stubborn", "while (true) { try { while (true) {} } catch (Throwable ignored) { } }");
    }

    @Test
    void sleepStops() throws Exception {
        assertStopsInTime("sleep", "Thread.sleep(60_000);");
    }

    @Test
    void aBlockedScannerReadStops() throws Exception {
        InputStream saved = System.in;
        PipedOutputStream neverWritten = new PipedOutputStream();
        System.setIn(new PipedInputStream(neverWritten));
        try {
            assertStopsInTime("scanner", "new Scanner(System.in).nextLine();");
        } finally {
            System.setIn(saved);
            neverWritten.close();
        }
    }

    @Test
    void libraryCodeThatIgnoresInterruptsFinishesAndTheCellSaysSo() throws Exception {
        // The cell waits four seconds in JDK code that ignores interrupts; the method reference releases it from a JDK
        // thread, so no cell code (and no check) runs until the wait is over.
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        long ms;
        try {
            ms = stopTime("library", "var gate = new java.util.concurrent.Semaphore(0);\n"
                    + "var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();\n"
                    + "timer.schedule((Runnable) gate::release, 4, java.util.concurrent.TimeUnit.SECONDS);\n"
                    + "gate.acquireUninterruptibly();\ntimer.shutdown();");
        } finally {
            System.setErr(saved);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("cannot be interrupted") && said.contains("Semaphore"), ms + " ms: " + said);
        assertTrue(ms >= LIMIT_MS, "the library call was waited for: " + ms + " ms");
    }

    @Test
    void aCellAfterAnInterruptRunsNormally() throws Exception {
        stopTime("before-normal", "while (true) {}");
        assertEquals(45L, jshell.evaluate("long total = 0; for (int i = 0; i < 10; i++) { total += i; }\ntotal").value());
    }
}
