package vmlab.engine;

import vmlab.machine.Hart;
import vmlab.machine.Machine;

/**
 * The check point every engine passes between two slices of guest code: the only place where interrupts are taken and the
 * outside world is looked at (the timer, {@code tohost}, the instruction budget, the notebook's stop button). All engines
 * share this one, so they stop, and take interrupts, at exactly the same instruction.
 */
final class CheckPoint {

    private CheckPoint() {
    }

    /**
     * Passes a check point after {@code done} of {@code maxInstructions} instructions.
     *
     * @param afterInterrupt run when an interrupt was just taken (a fast engine drops what it cached about the old context)
     * @return why the run stops here, or null to run the next slice
     */
    static Stop pass(Machine machine, long done, long maxInstructions, Runnable afterInterrupt) {
        Hart hart = machine.hart;
        hart.recheck = false;
        machine.checkPoint();
        machine.pollHtif();
        if (machine.exited()) {
            return Stop.EXITED;
        }
        if (done >= maxInstructions) {
            return Stop.INSTRUCTION_LIMIT;
        }
        if (Thread.currentThread().isInterrupted()) {
            return Stop.INTERRUPTED;
        }
        int interrupt = machine.pendingInterrupt();
        if (interrupt != 0) {
            machine.raise(interrupt, 0);
            hart.recheck = false; // the slice starts in the handler; raising does not need to end it again
            afterInterrupt.run();
            if (machine.exited()) {
                return Stop.EXITED;
            }
        }
        return null;
    }
}
