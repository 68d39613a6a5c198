package vmlab.container;

/**
 * A request the container runtime refuses, with the exit status the {@code docker} command gives for it: 125 (the
 * daemon refused: no such image or container, a bad option, a conflict), 126 (the command cannot be invoked) or 127
 * (the command was not found). The message follows Docker's wording where Docker has one.
 */
public final class ContainerException extends RuntimeException {
    public static final int DAEMON = 125, CANNOT_INVOKE = 126, NOT_FOUND = 127;
    private final int exitStatus;

    public ContainerException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
