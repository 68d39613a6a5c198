package vmlab.os;

/**
 * The cost model of the host kernel, in simulated cycles. The host kernel is Java code, so its own work executes no guest
 * instructions; instead every kernel action advances the simulated clock by a fixed, documented number of cycles, as if
 * the kernel's code had run on the same CPU. The defaults are estimates of a small RISC-V kernel's instruction counts:
 *
 * <ul>
 *   <li>{@code contextSwitch} = 200: store 31 registers and the pc, load 31 and the pc, write satp and flush the TLB
 *       ({@code sfence.vma}), plus the scheduler's choice (about 64 loads and stores and a few dozen instructions more);</li>
 *   <li>{@code systemCall} = 60: trap entry and exit (save and restore the registers the call can touch), the dispatch
 *       on a7 and the argument checks, not counting copying (copies are cheap next to a 1960s terminal line);</li>
 *   <li>{@code interrupt} = 40: timer interrupt entry and exit, re-arming mtimecmp and looking at the alarm queue;</li>
 *   <li>{@code pageFault} = 100: the trap, the lookup of the faulting page and the allocation of a frame (zeroing the
 *       frame is not counted).</li>
 * </ul>
 *
 * Counts of each action are exact (the kernel counts them as they happen); only the cycles per action are assumed.
 */
public record OsCosts(long contextSwitch, long systemCall, long interrupt, long pageFault) {
    public static final OsCosts DEFAULT = new OsCosts(200, 60, 40, 100);
    /** A kernel whose work takes no time at all: useful to see what the cost model itself adds. */
    public static final OsCosts FREE = new OsCosts(0, 0, 0, 0);

    public OsCosts {
        if (contextSwitch < 0 || systemCall < 0 || interrupt < 0 || pageFault < 0) {
            throw new IllegalArgumentException("kernel costs are cycles and cannot be negative: " + this);
        }
    }

    public OsCosts withContextSwitch(long cycles) {
        return new OsCosts(cycles, systemCall, interrupt, pageFault);
    }
}
