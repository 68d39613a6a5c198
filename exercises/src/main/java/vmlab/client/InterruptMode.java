package vmlab.client;

/**
 * How a kernel wants to be interrupted, as its kernelspec's {@code interrupt_mode} says: by an {@code interrupt_request} on the
 * control channel, or by SIGINT to its process (which needs the process, so only kernels we launched).
 */
public enum InterruptMode {
    MESSAGE, SIGNAL;

    /** The mode a kernelspec names; Jupyter's default is "signal". */
    public static InterruptMode fromKernelspec(String interruptMode) {
        return "message".equals(interruptMode) ? MESSAGE : SIGNAL;
    }
}
