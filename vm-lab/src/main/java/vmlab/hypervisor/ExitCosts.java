package vmlab.hypervisor;

/**
 * The cost model of the monitor, in simulated cycles. The monitor is Java code, so its own work runs no guest
 * instructions; instead each exit advances the simulated clock by a fixed, stated number of cycles, as if the monitor's
 * code had run on the same CPU (the host kernel's {@code OsCosts} does the same). The defaults are estimates for a
 * small RISC-V monitor, not measurements:
 *
 * <ul>
 *   <li>{@code worldSwitch} = 150: every exit saves the guest's 31 registers and the pc, finds the vCPU and the cause,
 *       and restores them on the way back (about 70 loads and stores plus the trap itself);</li>
 *   <li>{@code emulate} = 40: decoding a trapped instruction and playing it on the vCPU (a CSR, {@code sret},
 *       {@code wfi}, an SBI call, passing a trap on to the guest);</li>
 *   <li>{@code shadowFill} = 120: walking the guest's two-level page table in software and writing one shadow entry;</li>
 *   <li>{@code shadowFlush} = 200: dropping the shadow tables (on {@code satp} writes and {@code sfence.vma});</li>
 *   <li>{@code mmio} = 60: decoding the load or store and running the virtual device's register.</li>
 * </ul>
 *
 * Counts of exits are exact; only the cycles per exit are assumed. On a bare machine the firmware's SBI calls are
 * charged {@code worldSwitch + emulate} too: real firmware also traps and runs code.
 */
public record ExitCosts(long worldSwitch, long emulate, long shadowFill, long shadowFlush, long mmio) {
    public static final ExitCosts DEFAULT = new ExitCosts(150, 40, 120, 200, 60);
    /** A monitor whose work takes no simulated time: what the guest alone costs. */
    public static final ExitCosts FREE = new ExitCosts(0, 0, 0, 0, 0);

    public ExitCosts {
        if (worldSwitch < 0 || emulate < 0 || shadowFill < 0 || shadowFlush < 0 || mmio < 0) {
            throw new IllegalArgumentException("exit costs are cycles and cannot be negative: " + this);
        }
    }

    /** The cycles one exit of this reason costs, beyond a shadow flush it may cause. */
    public long of(ExitReason reason) {
        return worldSwitch + switch (reason) {
            case SHADOW_FILL -> shadowFill;
            case MMIO -> mmio;
            case HOST_TIMER, DEVICE_INTERRUPT -> 0;
            default -> emulate;
        };
    }
}
