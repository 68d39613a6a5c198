package vmlab.machine;

/**
 * Physical memory protection (privileged spec 1.12, section 3.7): 16 entries, each a configuration byte (R, W, X, the
 * address-matching mode A and the lock bit L) and an address register holding bits 33..2 of an address.
 *
 * <ul>
 *   <li>A = OFF (0), TOR (1: from the previous entry's address up to this one's), NA4 (2: four bytes), NAPOT (3: a
 *   naturally aligned power of two, its size in the address's trailing ones).</li>
 *   <li>The lowest-numbered entry that matches any byte of an access decides: all bytes must be inside it, and it must
 *   grant the access. S- and U-mode accesses no entry matches fail; M-mode ones succeed.</li>
 *   <li>An entry with L set also binds M-mode, and neither it (nor, for TOR, the address below it) can be rewritten until
 *   reset.</li>
 *   <li>Granularity: {@link #GRANULARITY_SHIFT} G = 0 (four bytes, as QEMU's default): every address bit is writable. With
 *   G >= 1, NAPOT reads address bits G-1..0 as ones and OFF/TOR read bits G-1..0 as zeros; the code keeps that rule.</li>
 * </ul>
 *
 * <p>One liberty, as QEMU before 6.0 and the 1.10 spec's "no PMP" machines: while <em>no</em> entry is active, S and U
 * accesses are allowed. Code that runs user programs from Java (the lab's host OS) then needs no firmware to open memory;
 * as soon as firmware configures an entry, the spec's default-deny applies. {@link #enforced} is what engines test first:
 * false on the common path, so the fast engines keep their speed.
 */
public final class Pmp {
    public static final int ENTRIES = 16;
    public static final int R = 1, W = 2, X = 4, A_SHIFT = 3, L = 0x80;
    public static final int OFF = 0, TOR = 1, NA4 = 2, NAPOT = 3;
    public static final int GRANULARITY_SHIFT = 0;

    private final byte[] config = new byte[ENTRIES];
    private final int[] address = new int[ENTRIES];
    /** Each entry's matched bytes [start, end), recomputed whenever a register changes (accesses read them often). */
    private final long[] start = new long[ENTRIES], end = new long[ENTRIES];
    /** Some entry is not OFF. */
    private boolean active;
    /** Some active entry is locked, so M-mode is checked too. */
    private boolean lockedActive;

    private static int mode(int cfg) {
        return (cfg >>> A_SHIFT) & 3;
    }

    /** True if accesses in privilege {@code mode} must be checked at all. */
    public boolean enforced(int mode) {
        return active && (mode != Privilege.MACHINE || lockedActive);
    }

    public void reset() {
        java.util.Arrays.fill(config, (byte) 0);
        java.util.Arrays.fill(address, 0);
        java.util.Arrays.fill(start, 0);
        java.util.Arrays.fill(end, 0);
        active = lockedActive = false;
    }

    // ---- the CSRs: pmpcfg0..3 (four entries each) and pmpaddr0..15 ----------------------------------------------------

    public int readConfig(int register) {
        int value = 0;
        for (int k = 3; k >= 0; k--) {
            value = value << 8 | (config[4 * register + k] & 0xFF);
        }
        return value;
    }

    public void writeConfig(int register, int value) {
        for (int k = 0; k < 4; k++) {
            int i = 4 * register + k;
            if ((config[i] & L) != 0) {
                continue; // locked until reset
            }
            int cfg = (value >>> (8 * k)) & (R | W | X | 3 << A_SHIFT | L);
            if ((cfg & (R | W)) == W) {
                cfg &= ~W; // R = 0, W = 1 is reserved: WARL keeps such an entry read-write-less
            }
            if (GRANULARITY_SHIFT >= 1 && mode(cfg) == NA4) {
                cfg &= ~(3 << A_SHIFT); // NA4 cannot be selected when the granularity is above four bytes
            }
            config[i] = (byte) cfg;
        }
        summarize();
    }

    public int readAddress(int i) {
        int value = address[i];
        if (GRANULARITY_SHIFT >= 1) {
            int below = (1 << GRANULARITY_SHIFT) - 1; // bits G-1..0
            value = mode(config[i]) == NAPOT ? value | (below >>> 1) : value & ~below;
        }
        return value;
    }

    public void writeAddress(int i, int value) {
        boolean locked = (config[i] & L) != 0
                || (i + 1 < ENTRIES && (config[i + 1] & L) != 0 && mode(config[i + 1]) == TOR);
        if (!locked) {
            address[i] = value;
            summarize();
        }
    }

    private void summarize() {
        for (int i = 0; i < ENTRIES; i++) {
            long[] r = range(i);
            start[i] = r[0];
            end[i] = r[1];
        }
        active = lockedActive = false;
        for (byte cfg : config) {
            if (mode(cfg) != OFF) {
                active = true;
                lockedActive |= (cfg & L) != 0;
            }
        }
    }

    // ---- checking accesses -----------------------------------------------------------------------------------------

    /** The bytes [start, end) entry {@code i} covers, as unsigned 34-bit values; empty for OFF. */
    private long[] range(int i) {
        long a = address[i] & 0xFFFF_FFFFL;
        return switch (mode(config[i])) {
            case TOR -> new long[] {i == 0 ? 0 : (address[i - 1] & 0xFFFF_FFFFL) << 2, a << 2};
            case NA4 -> new long[] {a << 2, (a << 2) + 4};
            case NAPOT -> {
                int ones = Long.numberOfTrailingZeros(~a); // 32 for all ones: the whole 16 GiB space
                long size = 1L << (ones + 3);
                long base = ((a >>> (ones + 1)) << (ones + 1)) << 2;
                yield new long[] {base, base + size};
            }
            default -> new long[] {0, 0};
        };
    }

    /**
     * Whether privilege {@code mode} may make an access of {@code access} kind ({@link Mmu#FETCH}, {@link Mmu#LOAD},
     * {@link Mmu#STORE}; an AMO checks as a store that also reads) to {@code size} bytes at physical {@code pa}.
     */
    public boolean permits(long pa, int size, int access, int mode) {
        int grant = grantFor(pa, size, mode);
        return grant != -1 && allows(grant, access) && (access != Mmu.STORE || (grant & R) != 0 || !amo);
    }

    /** Set while an AMO is checked: it reads as well as writes, so it needs R and W. */
    private boolean amo;

    /** Whether an AMO (a read and a write of four bytes) at {@code pa} is allowed. */
    public boolean permitsReadWrite(long pa, int mode) {
        amo = true;
        try {
            return permits(pa, 4, Mmu.STORE, mode);
        } finally {
            amo = false;
        }
    }

    private static boolean allows(int grant, int access) {
        return switch (access) {
            case Mmu.FETCH -> (grant & X) != 0;
            case Mmu.LOAD -> (grant & R) != 0;
            default -> (grant & W) != 0;
        };
    }

    /** The R/W/X bits that apply to all of [pa, pa + size) in {@code mode}, or -1 if entries split it. */
    private int grantFor(long pa, long size, int mode) {
        long last = pa + size;
        for (int i = 0; i < ENTRIES; i++) {
            if (start[i] >= end[i]) {
                continue; // OFF, or an empty TOR range
            }
            if (last <= start[i] || pa >= end[i]) {
                continue; // no byte inside
            }
            if (pa < start[i] || last > end[i]) {
                return -1; // some bytes inside, some not: the access fails
            }
            boolean binds = mode != Privilege.MACHINE || (config[i] & L) != 0;
            return binds ? config[i] & (R | W | X) : R | W | X;
        }
        return mode == Privilege.MACHINE ? R | W | X : 0;
    }

    /**
     * True if every access of this kind anywhere in the 4 KiB page at {@code page} is allowed (the fast engines' TLB may
     * then cache the page); false means: check each access on the slow path.
     */
    public boolean permitsPage(long page, int access, int mode) {
        int grant = grantFor(page, 4096, mode);
        return grant != -1 && allows(grant, access);
    }
}
