package vmlab.engine;

import vmlab.machine.Machine;

/**
 * Something that executes guest instructions on a {@link Machine}. Every engine gives the same architectural results:
 * the same registers, memory, CSRs, traps, counters and exits; only speed differs.
 */
public interface Engine {
    String name();

    /**
     * Runs until the guest exits, {@code maxInstructions} instructions have been attempted (retired or trapped), a
     * breakpoint is reached (never the one at the starting pc, so that a run can continue from it), the host thread is
     * interrupted, or the hart waits forever.
     */
    Stop run(Machine machine, long maxInstructions);

    /** Executes one instruction (or takes one pending interrupt). */
    default Stop step(Machine machine) {
        return run(machine, 1);
    }
}
