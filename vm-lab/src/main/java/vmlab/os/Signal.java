package vmlab.os;

import vmlab.machine.Cause;

/**
 * The signals of the lab's Linux, with their default actions only (no handlers are run): every signal here but
 * {@link #SIGCHLD} ends the process, and the exit status a shell reports is 128 + the signal number. A user-mode trap turns
 * into one of the first four, as Linux (and qemu-riscv32) deliver them; {@code kill} sends the others.
 */
public enum Signal {
    SIGHUP(1, "Hangup"),
    SIGINT(2, "Interrupt"),
    SIGILL(4, "Illegal instruction"),
    SIGTRAP(5, "Trace/breakpoint trap"),
    SIGBUS(7, "Bus error"),
    SIGKILL(9, "Killed"),
    SIGSEGV(11, "Segmentation fault"),
    SIGTERM(15, "Terminated"),
    SIGCHLD(17, "Child status changed");

    public final int number;
    public final String description;

    Signal(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int exitStatus() {
        return 128 + number;
    }

    /** The default action: true if the signal ends the process, false if it is ignored (SIGCHLD). */
    public boolean terminates() {
        return this != SIGCHLD;
    }

    /** The signal with Linux number {@code number}, or null if the lab does not know it. */
    public static Signal of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }

    /** The signal for an exception that the process cannot recover from. */
    public static Signal forTrap(int cause) {
        return switch (cause) {
            case Cause.ILLEGAL_INSTRUCTION -> SIGILL;
            case Cause.BREAKPOINT -> SIGTRAP;
            case Cause.INSTRUCTION_MISALIGNED -> SIGBUS;
            default -> SIGSEGV;
        };
    }
}
