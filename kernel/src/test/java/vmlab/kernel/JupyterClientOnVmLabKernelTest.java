package vmlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.jupyter.ConnectionInfo;
import vmlab.jupyter.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Our kernel against the Jupyter project's own client library, {@code jupyter_client} (Debian's python3-jupyter-client),
 * reading a connection file that {@link ConnectionInfo} wrote: the file's fields, the HMAC signatures and the framing must
 * agree with Python's implementation both ways. ({@code JupyterKernelTestIT} goes the other way round: jupyter_client
 * writes the file and starts the packaged kernel.)
 */
class JupyterClientOnVmLabKernelTest {

    private static final Path SCRIPT = Path.of("src", "test", "python", "jupyter_client_session.py").toAbsolutePath();
    private static KernelServer kernel;
    private static Path connectionFile;

    @BeforeAll
    static void start(@TempDir Path folder) throws Exception {
        RealJupyter.requirePythonModule("jupyter_client", "python3-jupyter-client");
        ConnectionInfo connection = ConnectionInfo.loopback("vmlab");
        connectionFile = connection.write(folder.resolve("kernel-vmlab.json"));
        kernel = KernelServer.start(connectionFile);
    }

    @AfterAll
    static void stop() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private static JsonNode session(String code, String... key) throws Exception {
        List<String> command = new ArrayList<>(List.of(RealJupyter.PYTHON.toString(), SCRIPT.toString(),
                connectionFile.toString(), code));
        command.addAll(List.of(key));
        RealJupyter.Run run = RealJupyter.run(command, null, Map.of("PYTHONDONTWRITEBYTECODE", "1"), 180);
        assertEquals(0, run.exit(), run.output());
        List<String> lines = run.output().lines().toList();
        return Json.parse(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jupyterClientRunsACellAndSeesItsStreamAndResult() throws Exception {
        JsonNode seen = session("System.out.println(\"hello from Java\");\n6 * 7");
        assertTrue(seen.path("ready").asBoolean(), seen.toString());
        assertEquals("ok", seen.path("status").asText(), seen.toString());
        assertTrue(seen.path("execution_count").asInt() >= 1, seen.toString());
        assertEquals("[[\"stdout\",\"hello from Java\\n\"]]", seen.path("streams").toString());
        assertEquals("[\"42\"]", seen.path("results").toString());
        assertTrue(seen.path("session_ok").asBoolean(), "the reply names jupyter_client's request as its parent: " + seen);
    }

    @Test
    void aClientThatSignsWithAnotherKeyGetsNoAnswer() throws Exception {
        JsonNode seen = session("1 + 1", "not-the-key-in-the-connection-file");
        assertFalse(seen.path("ready").asBoolean(), "the kernel must ignore requests it cannot verify: " + seen);
        assertTrue(kernel.connection().key().length() > 0);
    }
}
