package vmlab.os;

import vmlab.machine.Cause;

/**
 * The signals a user-mode trap turns into, as Linux (and qemu-riscv32) deliver them. No handlers are supported, so a
 * signal ends the process; the exit status is 128 + the signal number, what a shell (and Java's Process) reports for a
 * process killed by that signal.
 */
public enum Signal {
    SIGILL(4, "Illegal instruction"),
    SIGTRAP(5, "Trace/breakpoint trap"),
    SIGBUS(7, "Bus error"),
    SIGSEGV(11, "Segmentation fault");

    public final int number;
    public final String description;

    Signal(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int exitStatus() {
        return 128 + number;
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
