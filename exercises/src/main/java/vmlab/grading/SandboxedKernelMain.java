package vmlab.grading;

import vmlab.jupyter.ConnectionInfo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The inside end of the {@link NamespaceRelay}, started in the sandboxed kernel's JVM before the kernel itself:
 * {@code SandboxedKernelMain FOLDER MAIN-CLASS ARGS...}. For each port of {@code FOLDER/connection.json} it keeps one
 * connection waiting on the outside's Unix socket; on the go byte it connects to the kernel's port on the namespace's own
 * loopback and copies bytes both ways. Then it runs {@code MAIN-CLASS.main(ARGS)}.
 */
public final class SandboxedKernelMain {

    private SandboxedKernelMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: SandboxedKernelMain FOLDER MAIN-CLASS ARGS...");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        ConnectionInfo info = ConnectionInfo.read(folder.resolve("connection.json"));
        for (int port : NamespaceRelay.ports(info)) {
            NamespaceRelay.daemon("relay-" + port, () -> serve(folder, port));
        }
        try {
            Class.forName(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void serve(Path folder, int port) {
        UnixDomainSocketAddress outside = UnixDomainSocketAddress.of(NamespaceRelay.socketFile(folder, port));
        while (true) {
            try {
                SocketChannel waiting = SocketChannel.open(StandardProtocolFamily.UNIX);
                waiting.connect(outside);
                ByteBuffer go = ByteBuffer.allocate(1);
                if (waiting.read(go) < 0) {
                    waiting.close();
                    return; // the outside closed: grading of this submission is over
                }
                pair(waiting, port);
            } catch (IOException outsideGone) {
                return;
            }
        }
    }

    private static void pair(SocketChannel waiting, int port) {
        try {
            NamespaceRelay.copyBothWays(waiting, kernel(port));
        } catch (IOException kernelNotListening) {
            NamespaceRelay.closeQuietly(waiting); // the client sees a closed connection and connects again
        }
    }

    /** The kernel binds its ports a moment after this JVM starts; wait for it. */
    private static SocketChannel kernel(int port) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException notYet) {
                if (attempt >= 300) {
                    throw notYet;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }
}
