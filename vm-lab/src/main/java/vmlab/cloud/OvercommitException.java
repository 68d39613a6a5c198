package vmlab.cloud;

/** A placement policy chose a host that has no room for the VM, or a host that does not exist. */
public final class OvercommitException extends IllegalStateException {
    public OvercommitException(String message) {
        super(message);
    }
}
