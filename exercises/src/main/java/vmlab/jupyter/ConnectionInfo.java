package vmlab.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * A Jupyter connection file: where the kernel's five sockets listen and the key that signs every message. The kernel binds,
 * clients connect; both sides read the same file.
 *
 * @param transport       "tcp" (the only transport we use)
 * @param ip              the address the kernel binds, usually 127.0.0.1
 * @param key             the HMAC key; empty means messages are not signed
 * @param signatureScheme "hmac-sha256", the only scheme we accept
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
                             int hbPort, String key, String signatureScheme, String kernelName) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public ConnectionInfo {
        if (!"tcp".equals(transport)) {
            throw new IllegalArgumentException("transport '" + transport + "' is not supported; VM Lab speaks tcp");
        }
        if (!"hmac-sha256".equals(signatureScheme)) {
            throw new IllegalArgumentException("signature scheme '" + signatureScheme + "' is not supported; use hmac-sha256");
        }
        key = key == null ? "" : key;
        kernelName = kernelName == null ? "" : kernelName;
    }

    /**
     * Fresh loopback ports and a random key, for a kernel we start ourselves. The ports are free when chosen; like jupyter_client
     * we accept the small race of another process taking one before the kernel binds it.
     */
    public static ConnectionInfo loopback(String kernelName) {
        int[] ports = freeLoopbackPorts(5);
        // A random UUID, as jupyter_client makes its keys: 122 bits from a SecureRandom.
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                UUID.randomUUID().toString(), "hmac-sha256", kernelName);
    }

    private static int[] freeLoopbackPorts(int count) {
        // Hold all sockets open until every port is chosen, so the five ports are distinct.
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports for a kernel", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a listening socket we never used cannot lose data
                    }
                }
            }
        }
    }

    /** Reads a connection file as Jupyter writes it. */
    public static ConnectionInfo read(Path file) {
        JsonNode json;
        try {
            json = Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connection file " + file + ": " + e.getMessage(), e);
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException(file + ": a connection file is a JSON object");
        }
        return new ConnectionInfo(json.path("transport").asText("tcp"), json.path("ip").asText("127.0.0.1"),
                port(json, "shell_port", file), port(json, "iopub_port", file), port(json, "stdin_port", file),
                port(json, "control_port", file), port(json, "hb_port", file), json.path("key").asText(""),
                json.path("signature_scheme").asText("hmac-sha256"), json.path("kernel_name").asText(""));
    }

    private static int port(JsonNode json, String field, Path file) {
        int port = json.path(field).asInt(-1);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException(file + ": '" + field + "' must be a TCP port, but it is " + json.get(field));
        }
        return port;
    }

    /**
     * Writes the connection file readable by its owner only, since the key lets anyone run code in the kernel. A new file is
     * created with those permissions, so the key is never readable by others, not even for a moment.
     */
    public Path write(Path file) {
        ObjectNode json = Json.object()
                .put("transport", transport)
                .put("ip", ip)
                .put("shell_port", shellPort)
                .put("iopub_port", iopubPort)
                .put("stdin_port", stdinPort)
                .put("control_port", controlPort)
                .put("hb_port", hbPort)
                .put("key", key)
                .put("signature_scheme", signatureScheme)
                .put("kernel_name", kernelName);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ownerOnly(file);
            Files.writeString(file, Json.pretty(json), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write connection file " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file stays in a per-user folder
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        }
    }

    /** The ZeroMQ endpoint of one channel, for example {@code tcp://127.0.0.1:50123}. */
    public String endpoint(int port) {
        return transport + "://" + ip + ":" + port;
    }

    @Override
    public String toString() {
        // Never print the key.
        return "kernel at " + ip + " (shell " + shellPort + ", iopub " + iopubPort + ", stdin " + stdinPort + ", control "
                + controlPort + ", hb " + hbPort + ")";
    }
}
