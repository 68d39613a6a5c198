package vmlab.grading;

import vmlab.jupyter.ConnectionInfo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a sandboxed kernel's five Jupyter sockets between our loopback and the kernel's own network namespace, which has no
 * route to ours. The only path between the two is a Unix socket file in the connection folder, which both sides see. On our
 * side, for each port: a TCP listener on 127.0.0.1:PORT (where the Jupyter client connects, as to any kernel) and a Unix
 * listener {@code relay-PORT.sock}. Inside, {@link SandboxedKernelMain} keeps one connection waiting on each Unix listener;
 * when a client connects here, we pair it with a waiting connection, send one byte (the go signal), and the inside opens the
 * TCP connection to the kernel in its namespace. From then on bytes are copied both ways, blind to the protocol.
 *
 * <p>The inside only connects out, so the folder is mounted read-only in the sandbox: a submission cannot leave files there.
 */
public final class NamespaceRelay implements AutoCloseable {

    static final byte GO = 'g';

    private final List<java.io.Closeable> listeners = new ArrayList<>();

    private NamespaceRelay() {
    }

    /** Opens both listeners for each of the connection's ports; they serve until {@link #close()}. */
    public static NamespaceRelay open(Path folder, ConnectionInfo info, java.util.OptionalInt user) throws IOException {
        NamespaceRelay relay = new NamespaceRelay();
        try {
            BubblewrapSandbox.handOver(folder, user);
            BubblewrapSandbox.handOver(folder.resolve("connection.json"), user);
            for (int port : ports(info)) {
                ServerSocketChannel tcp = ServerSocketChannel.open();
                relay.listeners.add(tcp);
                tcp.bind(new InetSocketAddress("127.0.0.1", port));
                Path socket = socketFile(folder, port);
                Files.deleteIfExists(socket);
                ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                relay.listeners.add(unix);
                unix.bind(UnixDomainSocketAddress.of(socket));
                BubblewrapSandbox.handOver(socket, user);
                daemon("relay-" + port, () -> pairForever(tcp, unix));
            }
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    static int[] ports(ConnectionInfo info) {
        return new int[] {info.shellPort(), info.iopubPort(), info.stdinPort(), info.controlPort(), info.hbPort()};
    }

    static Path socketFile(Path folder, int port) {
        return folder.resolve("relay-" + port + ".sock");
    }

    private static void pairForever(ServerSocketChannel tcp, ServerSocketChannel unix) {
        try {
            while (true) {
                SocketChannel client = tcp.accept();
                SocketChannel inside = unix.accept();
                inside.write(ByteBuffer.wrap(new byte[] {GO}));
                copyBothWays(client, inside);
            }
        } catch (IOException closed) {
            // the relay was closed, or the kernel is gone; the client sees its sockets fail either way
        }
    }

    /** Copies bytes in both directions on two daemon threads; each direction's end closes the other direction's output. */
    static void copyBothWays(SocketChannel a, SocketChannel b) {
        daemon("copy", () -> copy(a, b));
        daemon("copy", () -> copy(b, a));
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException broken) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing what is already broken
        }
    }

    @Override
    public void close() {
        listeners.forEach(NamespaceRelay::closeQuietly);
    }
}
