package vmlab.client;

/** The kernel process exited or stopped answering its heartbeat; nothing more can run on it. */
public class KernelDiedException extends KernelException {

    public KernelDiedException(String cause) {
        super("the kernel died: " + cause);
    }
}
