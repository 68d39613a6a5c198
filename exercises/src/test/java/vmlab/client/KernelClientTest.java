package vmlab.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The client against a real ipykernel: what nbclient does, in Java. */
class KernelClientTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static KernelProcess python;
    private static KernelClient kernel;

    @BeforeAll
    static void startKernel() {
        python = IPythonKernel.launch().interruptMode(InterruptMode.MESSAGE).start();
        kernel = python.client();
    }

    @AfterAll
    static void stopKernel() {
        python.close();
    }

    @Test
    void connectingReadsTheKernelsInfo() {
        assertEquals("python", kernel.kernelInfo().path("language_info").path("name").asText());
        assertEquals("ok", kernel.requestKernelInfo().path("status").asText());
        assertTrue(kernel.isAlive());
    }

    @Test
    void theLastExpressionIsTheResult() {
        ExecutionResult result = kernel.execute("6 * 7", TEN_SECONDS);
        assertEquals(ExecutionResult.Status.OK, result.status(), result::toString);
        assertEquals("42", result.resultText().orElseThrow());
        assertNotNull(result.executionCount());
        assertEquals(result.executionCount(), result.outputs().get(0).path("execution_count").asInt());
    }

    @Test
    void streamsArriveInOrderAndConsecutiveTextOfOneStreamIsMerged() {
        ExecutionResult result = kernel.execute("""
                import sys
                print('one'); sys.stdout.flush()
                print('two'); sys.stdout.flush()
                print('oops', file=sys.stderr); sys.stderr.flush()
                print('three')
                """, TEN_SECONDS);
        List<String> kinds = result.outputs().stream().map(o -> o.path("name").asText()).toList();
        assertEquals(List.of("stdout", "stderr", "stdout"), kinds);
        assertEquals("one\ntwo\n", result.outputs().get(0).path("text").asText());
        assertEquals("one\ntwo\nthree\n", result.stdout());
        assertEquals("oops\n", result.stderr());
    }

    @Test
    void aProgressLineOverwrittenWithCarriageReturnsKeepsOnlyItsLastState() {
        ExecutionResult result = kernel.execute("""
                for percent in (10, 50, 100):
                    print(f'{percent}%', end='\\r', flush=True)
                print('done')
                """, TEN_SECONDS);
        assertEquals("done\n", result.stdout(), "as nbconvert saves it");
    }

    @Test
    void aDisplayUpdateRewritesTheEarlierOutputEvenFromALaterCell() {
        LiveDisplays displays = new LiveDisplays();
        ExecutionResult shown = kernel.execute(ExecuteRequest.of("""
                from IPython.display import display
                handle = display('first draft', display_id='chart')
                """).timeout(TEN_SECONDS).displays(displays));
        ObjectNode chart = shown.outputs().get(0);
        assertEquals("display_data", chart.path("output_type").asText());
        assertEquals("'first draft'", chart.path("data").path("text/plain").asText());

        ExecutionResult updated = kernel.execute(ExecuteRequest.of("handle.update('final state')")
                .timeout(TEN_SECONDS).displays(displays));
        assertTrue(updated.outputs().isEmpty(), "an update adds no output of its own");
        assertEquals("'final state'", chart.path("data").path("text/plain").asText());
    }

    @Test
    void clearOutputWithWaitClearsWhenTheNextOutputArrives() {
        ExecutionResult result = kernel.execute("""
                from IPython.display import clear_output
                for step in range(3):
                    clear_output(wait=True)
                    print('step', step)
                """, TEN_SECONDS);
        assertEquals(1, result.outputs().size(), result.outputs()::toString);
        assertEquals("step 2\n", result.stdout());
    }

    @Test
    void anErrorCarriesItsNameValueAndTraceback() {
        ExecutionResult result = kernel.execute("1 / 0", TEN_SECONDS);
        assertEquals(ExecutionResult.Status.ERROR, result.status());
        assertEquals("ZeroDivisionError", result.errorName().orElseThrow());
        assertTrue(result.errorValue().orElseThrow().contains("division by zero"));
        ObjectNode error = result.outputs().get(result.outputs().size() - 1);
        assertTrue(error.path("traceback").size() > 0);
        assertTrue(result.kernelResponsive());
    }

    @Test
    void anErrorDoesNotMakeTheKernelRefuseTheNextRequest() {
        for (int round = 0; round < 30; round++) {
            assertEquals(ExecutionResult.Status.ERROR, kernel.execute("1 / 0", TEN_SECONDS).status());
            ExecutionResult next = kernel.execute("'next'", TEN_SECONDS);
            assertEquals(ExecutionResult.Status.OK, next.status(), "round " + round + ": " + next);
        }
    }

    @Test
    void inputRequestsAreAnsweredOnTheStdinChannel() {
        ExecutionResult result = kernel.execute(ExecuteRequest.of("name = input('Who? ')\nprint('hello', name)")
                .timeout(TEN_SECONDS).input(prompt -> prompt.equals("Who? ") ? "Ada" : "wrong prompt"));
        assertEquals("hello Ada\n", result.stdout(), result::toString);
    }

    @Test
    void anInterruptStopsABusyLoopAndKeepsTheVariables() throws Exception {
        kernel.execute("kept = 'still here'", TEN_SECONDS);
        CompletableFuture<ExecutionResult> loop = CompletableFuture.supplyAsync(
                () -> kernel.execute("while True: pass", Duration.ofSeconds(60)));
        TimeUnit.MILLISECONDS.sleep(700);
        kernel.interrupt();
        ExecutionResult stopped = loop.get(15, TimeUnit.SECONDS);
        assertEquals(ExecutionResult.Status.ERROR, stopped.status(), stopped::toString);
        assertEquals("KeyboardInterrupt", stopped.errorName().orElseThrow());
        assertTrue(stopped.interrupted());
        assertEquals("'still here'", kernel.execute("kept", TEN_SECONDS).resultText().orElseThrow());
    }

    @Test
    void aCellThatRunsTooLongIsInterruptedAndTheKernelGoesOn() {
        ExecutionResult result = kernel.execute("import time\nprint('started', flush=True)\nwhile True: time.sleep(0.01)",
                Duration.ofSeconds(1));
        assertEquals(ExecutionResult.Status.TIMED_OUT, result.status());
        assertTrue(result.interrupted());
        assertTrue(result.kernelResponsive(), result::toString);
        assertEquals("started\n", result.stdout());
        assertTrue(result.elapsed().compareTo(Duration.ofSeconds(1)) >= 0);
        assertEquals(ExecutionResult.Status.OK, kernel.execute("2 + 2", TEN_SECONDS).status());
    }
}
