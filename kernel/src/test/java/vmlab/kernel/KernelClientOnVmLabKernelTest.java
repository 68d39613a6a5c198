package vmlab.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vmlab.client.ExecuteRequest;
import vmlab.client.ExecutionResult;
import vmlab.client.InterruptMode;
import vmlab.client.KernelClient;
import vmlab.jupyter.ConnectionInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our kernel and our client, both built on {@code vmlab.jupyter}, over real loopback sockets: the path {@code vmlab run} and
 * the grader take. (Our client against ipykernel is {@code IpykernelWireTest}; our kernel against jupyter_client is
 * {@link JupyterClientOnVmLabKernelTest} and {@code JupyterKernelTestIT}.)
 */
class KernelClientOnVmLabKernelTest {

    private static final Duration SIXTY_SECONDS = Duration.ofSeconds(60);
    private static KernelServer kernel;
    private static KernelClient client;

    @BeforeAll
    static void start() {
        kernel = KernelServer.start(ConnectionInfo.loopback("vmlab"));
        client = KernelClient.connect(kernel.connection(), KernelClient.Options.defaults().interruptMode(InterruptMode.MESSAGE));
    }

    @AfterAll
    static void stop() {
        client.close();
        kernel.close();
    }

    @Test
    void aCellsStreamsAndResultComeBackThroughTheSharedWireFormat() {
        ExecutionResult result = client.execute("System.out.println(\"hello from a cell\");\n"
                + "System.err.println(\"a warning\");\n6 * 7", SIXTY_SECONDS);
        assertEquals(ExecutionResult.Status.OK, result.status(), result::toString);
        assertEquals("hello from a cell\n", result.stdout());
        assertEquals("a warning\n", result.stderr());
        assertEquals("42", result.resultText().orElseThrow());
        assertNotNull(result.executionCount());
        assertEquals("java", client.kernelInfo().path("language_info").path("name").asText());
        assertEquals("5.3", client.kernelInfo().path("protocol_version").asText());
    }

    @Test
    void theKernelsInputRequestIsAnsweredOnStdin() {
        List<String> prompts = new ArrayList<>();
        ExecutionResult result = client.execute(ExecuteRequest.of("String who = input(\"Who? \");\n\"hello, \" + who")
                .timeout(SIXTY_SECONDS).input(prompt -> {
                    prompts.add(prompt);
                    return "Ada";
                }));
        assertEquals(ExecutionResult.Status.OK, result.status(), result::toString);
        assertEquals(List.of("Who? "), prompts);
        assertEquals("hello, Ada", result.resultText().orElseThrow());
    }

    @Test
    void aTimeoutInterruptsAnEndlessCellOnControlAndTheKernelGoesOn() {
        client.execute("int kept = 41;", SIXTY_SECONDS);
        ExecutionResult endless = client.execute("while (true) {}", Duration.ofSeconds(2));
        assertEquals(ExecutionResult.Status.TIMED_OUT, endless.status(), endless::toString);
        assertTrue(endless.interrupted());
        assertTrue(endless.kernelResponsive(), "the interrupt stopped the cell: " + endless);
        assertEquals("42", client.execute("kept + 1", SIXTY_SECONDS).resultText().orElseThrow());
        assertTrue(client.isAlive());
        assertTrue(client.heartbeatSilence().compareTo(Duration.ofSeconds(3)) < 0,
                "the kernel's echo answered our heartbeat pings while the cell ran: " + client.heartbeatSilence());
    }

    @Test
    void aShutdownRequestStopsTheKernel() throws Exception {
        try (KernelServer own = KernelServer.start(ConnectionInfo.loopback("vmlab"));
             KernelClient ownClient = KernelClient.connect(own.connection())) {
            assertTrue(ownClient.shutdown(), "the kernel confirmed the shutdown_request");
            assertTrue(own.awaitShutdown(10, TimeUnit.SECONDS), "the kernel stopped after confirming");
        }
    }
}
