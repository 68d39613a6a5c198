package vmlab.cli;

import vmlab.client.KernelClient;
import vmlab.client.KernelException;
import vmlab.client.RunningKernel;

import java.nio.file.Path;

/**
 * VM Lab's kernel on threads of this JVM, reached through loopback sockets by our own client, so that {@code vmlab run} needs no
 * Python and no Jupyter.
 */
final class InProcessKernel implements RunningKernel {

    private final KernelClient client;

    private InProcessKernel(KernelClient client) {
        this.client = client;
    }

    static InProcessKernel start(Path notebookFolder) {
        // Waiting for vmlab.kernel.KernelServer (the kernel issue); until then say so rather than pretend.
        throw new KernelException("VM Lab's in-process kernel (vmlab.kernel.KernelServer) is not part of this build yet");
    }

    @Override
    public KernelClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
