package vmlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What a Jupyter connection file says: where the five sockets listen and how messages are signed.
 * A front end writes it and starts the kernel with its path; the in-process runner makes one with {@link #loopback()}.
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
                             int hbPort, String signatureScheme, String key) {

    /** Reads a connection file; says which field is missing instead of failing later with a port of 0. */
    public static ConnectionInfo read(Path file) throws IOException {
        byte[] text = Files.readAllBytes(file);
        JsonNode n;
        try {
            n = Json.parse(text);
        } catch (IOException e) {
            throw new IOException("Connection file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        return new ConnectionInfo(
                n.path("transport").asText("tcp"),
                n.path("ip").asText("127.0.0.1"),
                port(n, "shell_port", file), port(n, "iopub_port", file), port(n, "stdin_port", file),
                port(n, "control_port", file), port(n, "hb_port", file),
                n.path("signature_scheme").asText("hmac-sha256"),
                n.path("key").asText(""));
    }

    private static int port(JsonNode n, String field, Path file) throws IOException {
        if (!n.path(field).canConvertToInt()) {
            throw new IOException("Connection file " + file + " has no integer \"" + field + "\"");
        }
        return n.path(field).asInt();
    }

    /** A fresh connection on the loopback interface with free TCP ports and a random key. */
    public static ConnectionInfo loopback() {
        return new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(),
                "hmac-sha256", UUID.randomUUID().toString());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** Writes this connection as a Jupyter connection file, for clients that read one. */
    public void write(Path file) throws IOException {
        ObjectNode n = Json.object();
        n.put("transport", transport).put("ip", ip)
                .put("shell_port", shellPort).put("iopub_port", iopubPort).put("stdin_port", stdinPort)
                .put("control_port", controlPort).put("hb_port", hbPort)
                .put("signature_scheme", signatureScheme).put("key", key).put("kernel_name", "vmlab");
        Files.writeString(file, Json.pretty(n));
    }

    /** The ZeroMQ endpoint of one of the ports, e.g. {@code tcp://127.0.0.1:5555}. */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
