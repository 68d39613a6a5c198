package vmlab.machine;

/**
 * The platform-level interrupt controller at 0x0c00_0000, laid out as on QEMU's {@code virt} board (the SiFive PLIC):
 * 63 sources (1..63; 0 means "none"), priorities 0..7, and two contexts, numbered as QEMU numbers them for hart 0:
 * context 0 drives the hart's MEIP, context 1 its SEIP.
 *
 * <pre>
 * 0x000000 + 4*id      priority of source id (0 = never interrupts)
 * 0x001000 + 4*word    pending bits (read-only)
 * 0x002000 + 0x80*ctx  enable bits of context ctx
 * 0x200000 + 0x1000*ctx  threshold (a source interrupts only above it); +4: claim (read) / complete (write)
 * </pre>
 *
 * <p>Each source has a gateway: a high line makes it pending, a claim clears pending and puts it in service, and until
 * the guest completes it no new request from that source is forwarded (so a device that keeps its line up cannot
 * flood the hart). A source that is never completed stays silent; every other source keeps working.
 */
public final class Plic implements Device {
    public static final int BASE = 0x0c00_0000;
    public static final int SOURCES = 64;
    public static final int CONTEXTS = 2;
    public static final int MAX_PRIORITY = 7;
    static final int PENDING = 0x1000, ENABLES = 0x2000, CONTEXT_BASE = 0x20_0000;

    private final int[] priority = new int[SOURCES];
    private final boolean[] level = new boolean[SOURCES];
    private final boolean[] pending = new boolean[SOURCES];
    private final boolean[] inService = new boolean[SOURCES];
    private final long[] enabled = new long[CONTEXTS];
    private final int[] threshold = new int[CONTEXTS];
    private final IrqLine[] outputs;
    private final boolean[] outputLevel = new boolean[CONTEXTS];
    private final long[] claims = new long[SOURCES];

    /** A PLIC whose context 0 and 1 outputs drive {@code machineLine} and {@code supervisorLine}. */
    public Plic(IrqLine machineLine, IrqLine supervisorLine) {
        this.outputs = new IrqLine[] {machineLine, supervisorLine};
    }

    /** The PLIC of a hart: context 0 raises MEIP, context 1 SEIP. */
    public static Plic forHart(Hart hart) {
        return new Plic(level -> hart.setExternal(Hart.MEIP, level), level -> hart.setExternal(Hart.SEIP, level));
    }

    /** The wire a device connects to as source {@code id} (1..63). */
    public IrqLine line(int id) {
        if (id <= 0 || id >= SOURCES) {
            throw new IllegalArgumentException("PLIC source " + id + " does not exist (1.." + (SOURCES - 1) + ")");
        }
        return high -> {
            level[id] = high;
            gate(id);
            update();
        };
    }

    /** Forwards a request through source {@code id}'s gateway: a high line pends it unless it is being served. */
    private void gate(int id) {
        if (level[id] && !inService[id]) {
            pending[id] = true;
        }
    }

    public boolean isPending(int id) {
        return pending[id];
    }

    public boolean isInService(int id) {
        return inService[id];
    }

    /** How many times the guest has claimed source {@code id}: interrupts served, by source. */
    public long claims(int id) {
        return claims[id];
    }

    /** The highest-priority source pending and enabled above the threshold of context {@code ctx}, or 0. */
    private int best(int ctx) {
        int best = 0, bestPriority = threshold[ctx];
        for (int id = 1; id < SOURCES; id++) {
            if (pending[id] && (enabled[ctx] >>> id & 1) != 0 && priority[id] > bestPriority) {
                best = id;
                bestPriority = priority[id];
            }
        }
        return best;
    }

    private void update() {
        for (int ctx = 0; ctx < CONTEXTS; ctx++) {
            boolean high = best(ctx) != 0;
            if (high != outputLevel[ctx]) {
                outputLevel[ctx] = high;
                outputs[ctx].set(high);
            }
        }
    }

    @Override
    public String name() {
        return "PLIC";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x400_0000;
    }

    @Override
    public long read(int offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            return Bus.FAULT;
        }
        if (offset < PENDING) {
            int id = offset >>> 2;
            return id < SOURCES ? priority[id] : 0;
        }
        if (offset < ENABLES) {
            int word = (offset - PENDING) >>> 2;
            return word < SOURCES / 32 ? bits(pending, word) : 0;
        }
        if (offset < CONTEXT_BASE) {
            int ctx = (offset - ENABLES) / 0x80, word = ((offset - ENABLES) % 0x80) >>> 2;
            return ctx < CONTEXTS && word < SOURCES / 32 ? enabled[ctx] >>> (32 * word) & 0xFFFF_FFFFL : 0;
        }
        int ctx = (offset - CONTEXT_BASE) >>> 12, register = offset & 0xFFF;
        if (ctx >= CONTEXTS) {
            return 0;
        }
        return switch (register) {
            case 0 -> threshold[ctx];
            case 4 -> claim(ctx);
            default -> 0;
        };
    }

    private static long bits(boolean[] flags, int word) {
        long value = 0;
        for (int i = 0; i < 32; i++) {
            if (flags[32 * word + i]) {
                value |= 1L << i;
            }
        }
        return value;
    }

    private int claim(int ctx) {
        int id = best(ctx);
        if (id != 0) {
            pending[id] = false;
            inService[id] = true;
            claims[id]++;
            update();
        }
        return id;
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (size != 4 || (offset & 3) != 0) {
            return false;
        }
        if (offset < PENDING) {
            int id = offset >>> 2;
            if (id > 0 && id < SOURCES) {
                priority[id] = value & MAX_PRIORITY; // WARL: the priority bits this PLIC has
            }
        } else if (offset < ENABLES) {
            return true; // pending bits are read-only; QEMU ignores writes too
        } else if (offset < CONTEXT_BASE) {
            int ctx = (offset - ENABLES) / 0x80, word = ((offset - ENABLES) % 0x80) >>> 2;
            if (ctx < CONTEXTS && word < SOURCES / 32) {
                long mask = 0xFFFF_FFFFL << (32 * word);
                long bits = (value & 0xFFFF_FFFFL) << (32 * word) & ~1L; // source 0 does not exist
                enabled[ctx] = (enabled[ctx] & ~mask) | bits;
            }
        } else {
            int ctx = (offset - CONTEXT_BASE) >>> 12, register = offset & 0xFFF;
            if (ctx < CONTEXTS && register == 0) {
                threshold[ctx] = value & MAX_PRIORITY;
            } else if (ctx < CONTEXTS && register == 4) {
                complete(ctx, value);
            }
        }
        update();
        return true;
    }

    /** Ends service of source {@code id}; a line still high pends it again. Unknown or unclaimed ids are ignored. */
    private void complete(int ctx, int id) {
        if (id <= 0 || id >= SOURCES || (enabled[ctx] >>> id & 1) == 0 || !inService[id]) {
            return;
        }
        inService[id] = false;
        gate(id);
    }

    /** Back to power-on: nothing pending, enabled or in service (lines keep their levels, as wires do). */
    public void reset() {
        java.util.Arrays.fill(priority, 0);
        java.util.Arrays.fill(pending, false);
        java.util.Arrays.fill(inService, false);
        java.util.Arrays.fill(enabled, 0);
        java.util.Arrays.fill(threshold, 0);
        java.util.Arrays.fill(claims, 0);
        for (int id = 1; id < SOURCES; id++) {
            gate(id);
        }
        update();
    }
}
