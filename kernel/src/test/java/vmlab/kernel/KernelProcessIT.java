package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import vmlab.jupyter.ConnectionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code vmlab kernel} process itself: survives a cell that exhausts its heap, exits on shutdown_request, and draws
 * its very first table as it draws every later one (a fresh JVM is where class-initialization order can differ).
 */
class KernelProcessIT {

    @Test
    void aCellThatExhaustsTheHeapFailsAndTheKernelGoesOnThenShutsDownCleanly(@TempDir Path tmp) throws Exception {
        ConnectionInfo connection = ConnectionInfo.loopback("vmlab");
        Process kernel = start(connection, tmp);
        try (TestClient client = new TestClient(connection)) {
            client.execute("int before = 21;");
            TestClient.Executed oom = client.execute("var hog = new ArrayList<long[]>();\nwhile (true) hog.add(new long[1 << 20]);");
            assertEquals("java.lang.OutOfMemoryError", oom.reply().content().path("ename").asText(), oom.reply().content().toString());
            assertEquals("42", client.execute("before * 2").result(), "the kernel still evaluates with the heap still full");
            client.execute("hog = null;");
            assertEquals("43", client.execute("before * 2 + 1").result());

            JupyterMessage shutdown = client.send(client.control, "shutdown_request", JupyterMessage.object().put("restart", false));
            assertEquals("ok", client.reply(client.control, shutdown).content().path("status").asText());
            assertTrue(kernel.waitFor(20, TimeUnit.SECONDS), "the kernel process exits after shutdown_request");
            assertEquals(0, kernel.exitValue());
        } finally {
            kernel.destroyForcibly();
        }
    }

    @Test
    void aFreshKernelsFirstTableShowsMeasurementsRounded(@TempDir Path tmp) throws Exception {
        // Tablesaw 0.44 can hold two DoubleColumnType objects when the first column a JVM makes is a DoubleColumn; the
        // renderer compared types by identity and then showed every digit ("9.821510000000002").
        ConnectionInfo connection = ConnectionInfo.loopback("vmlab");
        Process kernel = start(connection, tmp);
        try (TestClient client = new TestClient(connection)) {
            TestClient.Executed table = client.execute("Table.create(\"t\", DoubleColumn.create(\"ms\", 9.821510000000002))");
            String html = table.ofType("execute_result").get(0).content().path("data").path("text/html").asText();
            assertTrue(html.contains(">9.82</td>"), html);
        } finally {
            kernel.destroyForcibly();
        }
    }

    private static Process start(ConnectionInfo connection, Path tmp) throws Exception {
        Path file = tmp.resolve("kernel.json");
        connection.write(file);
        return new ProcessBuilder(RealJupyter.java(), "-Xmx192m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-jar", RealJupyter.jar().toString(), "kernel", file.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("kernel.log").toFile()).start();
    }
}
