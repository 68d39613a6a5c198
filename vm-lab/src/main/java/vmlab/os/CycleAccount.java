package vmlab.os;

/**
 * Where the CPU's cycles went, counted by the host kernel as it runs: user work (the tasks' own instructions), kernel work
 * by kind (charged with {@link OsCosts}), and idle time (nothing ready: the hart sleeps in WFI). The three add up to
 * the elapsed simulated time.
 */
public final class CycleAccount {
    long userCycles;
    long switchCycles, systemCallCycles, interruptCycles, pageFaultCycles;
    long contextSwitches, systemCalls, interrupts, pageFaults, preemptions;
    long idleInstructions;

    public long userCycles() {
        return userCycles;
    }

    /** All kernel work: context switches, system calls, interrupts and page faults. */
    public long kernelCycles() {
        return switchCycles + systemCallCycles + interruptCycles + pageFaultCycles;
    }

    public long switchCycles() {
        return switchCycles;
    }

    public long systemCallCycles() {
        return systemCallCycles;
    }

    public long interruptCycles() {
        return interruptCycles;
    }

    public long pageFaultCycles() {
        return pageFaultCycles;
    }

    public long contextSwitches() {
        return contextSwitches;
    }

    public long systemCalls() {
        return systemCalls;
    }

    public long interrupts() {
        return interrupts;
    }

    public long pageFaults() {
        return pageFaults;
    }

    public long preemptions() {
        return preemptions;
    }

    @Override
    public String toString() {
        return String.format("user %,d cycles; kernel %,d cycles (%,d switches, %,d system calls, %,d interrupts, "
                        + "%,d page faults)", userCycles, kernelCycles(), contextSwitches, systemCalls, interrupts,
                pageFaults);
    }
}
