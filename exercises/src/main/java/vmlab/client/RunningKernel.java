package vmlab.client;

/**
 * A kernel that we started and can talk to: a process of its own ({@link KernelProcess}) or a kernel on threads of this JVM.
 * Closing it stops the kernel.
 */
public interface RunningKernel extends AutoCloseable {

    KernelClient client();

    @Override
    void close();
}
