package vmlab.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.jupyter.ConnectionInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our client against the reference kernel, Debian's ipykernel, started by hand the way Jupyter does it: we write the
 * connection file ({@link ConnectionInfo}), ipykernel binds what it says and checks every signature with Python's hmac.
 * {@link KernelClientTest} covers what the client does with the outputs; this test is about the wire.
 */
class IpykernelWireTest {

    private static Process python;
    private static ConnectionInfo connection;

    @BeforeAll
    static void startIpykernel(@TempDir Path folder) throws Exception {
        IPythonKernel.requireIpykernel();
        connection = ConnectionInfo.loopback("python3");
        Path file = connection.write(folder.resolve("kernel-python3.json"));
        python = new ProcessBuilder(IPythonKernel.PYTHON.toString(), "-m", "ipykernel_launcher", "-f", file.toString(),
                "--HistoryManager.enabled=False")
                .redirectErrorStream(true).redirectOutput(folder.resolve("ipykernel.log").toFile()).start();
    }

    @AfterAll
    static void stopIpykernel() throws Exception {
        python.destroy();
        if (!python.waitFor(10, TimeUnit.SECONDS)) {
            python.destroyForcibly();
        }
    }

    @Test
    void anExecuteRequestThroughOurClientGetsIpykernelsReplyAndStreams() {
        try (KernelClient client = KernelClient.connect(connection, KernelClient.Options.defaults().process(python))) {
            assertEquals("python", client.kernelInfo().path("language_info").path("name").asText());
            ExecutionResult result = client.execute("print('hello from Python')\n6 * 7", Duration.ofSeconds(30));
            assertEquals(ExecutionResult.Status.OK, result.status(), result::toString);
            assertEquals("ok", result.reply().path("status").asText());
            assertEquals(result.executionCount(), result.reply().path("execution_count").asInt());
            assertEquals("hello from Python\n", result.stdout());
            assertEquals("42", result.resultText().orElseThrow());
        }
    }

    @Test
    void ipykernelIgnoresAClientThatSignsWithAnotherKey() {
        ConnectionInfo guessed = new ConnectionInfo(connection.transport(), connection.ip(), connection.shellPort(),
                connection.iopubPort(), connection.stdinPort(), connection.controlPort(), connection.hbPort(),
                "a-guessed-key", connection.signatureScheme(), connection.kernelName());
        KernelException refused = assertThrows(KernelException.class, () -> KernelClient.connect(guessed,
                KernelClient.Options.defaults().process(python).startupTimeout(Duration.ofSeconds(4))));
        assertTrue(refused.getMessage().contains("did not answer kernel_info"), refused.getMessage());
        assertTrue(python.isAlive(), "the kernel only dropped the forged requests");
        try (KernelClient client = KernelClient.connect(connection, KernelClient.Options.defaults().process(python))) {
            assertEquals("ok", client.requestKernelInfo().path("status").asText(), "the right key still works");
        }
    }
}
