package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.Device;

/**
 * A guest's platform-level interrupt controller, at the {@code virt} board's 0x0c00_0000: 32 level-triggered sources,
 * their priorities, and two contexts (hart 0's M-mode, 0, and S-mode, 1) with enable bits, a threshold and a
 * claim/complete register. Every register access is an MMIO exit; the monitor samples the device lines (the UART's
 * receive interrupt) and the S context's output becomes the vCPU's virtual SEIP.
 */
final class VirtualPlic implements Device {
    static final int BASE = 0x0c00_0000;
    static final int SOURCES = 32;
    private final int[] priority = new int[SOURCES];
    private int lines;          // device lines that are high
    private int claimed;        // sources claimed and not yet completed
    private final int[] enable = new int[2];
    private final int[] threshold = new int[2];

    @Override
    public String name() {
        return "virtual PLIC";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x40_0000;
    }

    /** A device's interrupt line, high or low (source 0 does not exist). */
    void setLine(int source, boolean high) {
        if (source > 0 && source < SOURCES) {
            lines = high ? lines | (1 << source) : lines & ~(1 << source);
        }
    }

    private int pending() {
        return lines & ~claimed & ~1;
    }

    /** The best source context {@code c} would be told about now, or 0. */
    private int best(int c) {
        int best = 0, bestPriority = threshold[c];
        int candidates = pending() & enable[c];
        for (int s = 1; s < SOURCES; s++) {
            if ((candidates & (1 << s)) != 0 && priority[s] > bestPriority) {
                best = s;
                bestPriority = priority[s];
            }
        }
        return best;
    }

    /** True if the S-mode context has an interrupt to deliver (the guest's SEIP). */
    boolean supervisorInterrupt() {
        return best(1) != 0;
    }

    @Override
    public long read(int offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            return Bus.FAULT;
        }
        if (offset < 4 * SOURCES) {
            return priority[offset / 4];
        }
        if (offset == 0x1000) {
            return pending() & 0xFFFF_FFFFL;
        }
        if (offset == 0x2000 || offset == 0x2080) {
            return enable[offset == 0x2000 ? 0 : 1] & 0xFFFF_FFFFL;
        }
        if (offset == 0x20_0000 || offset == 0x20_1000) {
            return threshold[offset == 0x20_0000 ? 0 : 1];
        }
        if (offset == 0x20_0004 || offset == 0x20_1004) {
            int source = best(offset == 0x20_0004 ? 0 : 1);
            claimed |= source == 0 ? 0 : 1 << source;
            return source;
        }
        return 0; // the rest of the PLIC's space reads as zero, as unimplemented contexts do on QEMU
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (size != 4 || (offset & 3) != 0) {
            return false;
        }
        if (offset < 4 * SOURCES) {
            priority[offset / 4] = offset == 0 ? 0 : value & 7;
        } else if (offset == 0x2000 || offset == 0x2080) {
            enable[offset == 0x2000 ? 0 : 1] = value & ~1;
        } else if (offset == 0x20_0000 || offset == 0x20_1000) {
            threshold[offset == 0x20_0000 ? 0 : 1] = value & 7;
        } else if (offset == 0x20_0004 || offset == 0x20_1004) {
            if (value > 0 && value < SOURCES) {
                claimed &= ~(1 << value); // complete
            }
        }
        return true; // writes elsewhere are ignored
    }
}
