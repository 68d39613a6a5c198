package vmlab.client;

/** A kernel that did not do what the protocol promises: it did not answer in time, or it is gone. */
public class KernelException extends RuntimeException {

    public KernelException(String message) {
        super(message);
    }
}
