package vmlab.cli;

import vmlab.jupyter.ConnectionInfo;
import vmlab.client.InterruptMode;
import vmlab.client.KernelClient;
import vmlab.client.KernelException;
import vmlab.client.RunningKernel;
import vmlab.kernel.KernelServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * VM Lab's kernel on threads of this JVM, reached through loopback sockets by our own Jupyter client, so that {@code vmlab run}
 * needs no Python and no Jupyter and still goes through exactly the protocol a notebook front end uses.
 */
final class InProcessKernel implements RunningKernel {

    private final KernelServer server;
    private final KernelClient client;
    private final Path connectionFile;

    private InProcessKernel(KernelServer server, KernelClient client, Path connectionFile) {
        this.server = server;
        this.client = client;
        this.connectionFile = connectionFile;
    }

    /**
     * Starts a fresh kernel on free loopback ports. The notebook's folder cannot become this JVM's working directory, so
     * relative paths in cells resolve against the directory {@code vmlab run} was started in.
     */
    static InProcessKernel start(Path notebookFolder) {
        ConnectionInfo info = ConnectionInfo.loopback("vmlab");
        Path file;
        try {
            file = info.write(Files.createTempFile("vmlab-run-", ".json"));
        } catch (IOException e) {
            throw new KernelException("cannot write a connection file for the in-process kernel: " + e.getMessage());
        }
        KernelServer server;
        try {
            server = KernelServer.start(file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw new KernelException("VM Lab's kernel did not start: " + e.getMessage());
        }
        try {
            // The kernel answers at once and warms JShell up in the background; wait for it here, so that a cell's
            // timeout measures the cell and not the kernel's start.
            server.awaitReady();
            // A kernel in our own JVM can only be interrupted by message: a SIGINT would hit the runner too.
            KernelClient client = KernelClient.connect(info, KernelClient.Options.defaults().interruptMode(InterruptMode.MESSAGE));
            return new InProcessKernel(server, client, file);
        } catch (RuntimeException e) {
            server.close();
            deleteQuietly(file);
            throw e instanceof KernelException known ? known : new KernelException("VM Lab's kernel did not start: " + e);
        }
    }

    @Override
    public KernelClient client() {
        return client;
    }

    /** Stops the client and the kernel's threads; the JVM goes on to the next notebook. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
            deleteQuietly(connectionFile);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover connection file in the temporary folder is harmless; its key dies with the kernel
        }
    }
}
