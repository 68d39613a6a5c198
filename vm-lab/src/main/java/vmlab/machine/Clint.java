package vmlab.machine;

/**
 * The core-local interruptor at 0x0200_0000, laid out as on QEMU's {@code virt} board: {@code msip} at +0,
 * {@code mtimecmp} at +0x4000, {@code mtime} at +0xBFF8 (64-bit registers readable as two 32-bit halves).
 *
 * <p>Time is deterministic: {@code mtime} advances by one per cycle (one cycle per instruction attempted), so a program
 * gives the same results on every run and every engine. WFI fast-forwards it to the next timer event.
 */
public final class Clint implements Device {
    public static final int BASE = 0x0200_0000;
    private final Hart hart;
    /** mtime = hart.mcycle + offset; a write to mtime or a WFI fast-forward changes the offset. */
    public long timeOffset;
    /** Compared unsigned with mtime; all ones (never) at reset. */
    public long mtimecmp = -1L;

    public Clint(Hart hart) {
        this.hart = hart;
    }

    @Override
    public String name() {
        return "CLINT";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x10000;
    }

    public long mtime() {
        return hart.mcycle + timeOffset;
    }

    public void setMtime(long value) {
        timeOffset = value - hart.mcycle;
        updateTimerInterrupt();
    }

    /** Raises or lowers MTIP in the hart's mip from the comparison mtime >= mtimecmp. */
    public void updateTimerInterrupt() {
        if (Long.compareUnsigned(mtime(), mtimecmp) >= 0) {
            hart.mip |= Hart.MTIP;
        } else {
            hart.mip &= ~Hart.MTIP;
        }
    }

    /** Cycles until MTIP rises (0 if already due, Long.MAX_VALUE if never). */
    public long cyclesUntilTimer() {
        long now = mtime();
        if (Long.compareUnsigned(now, mtimecmp) >= 0) {
            return 0;
        }
        long delta = mtimecmp - now;
        return delta < 0 ? Long.MAX_VALUE : delta;
    }

    @Override
    public long read(int offset, int size) {
        if (size != 4) {
            return Bus.FAULT;
        }
        return switch (offset) {
            case 0 -> (hart.mip & Hart.MSIP) != 0 ? 1 : 0;
            case 0x4000 -> mtimecmp & 0xFFFF_FFFFL;
            case 0x4004 -> mtimecmp >>> 32;
            case 0xBFF8 -> mtime() & 0xFFFF_FFFFL;
            case 0xBFFC -> mtime() >>> 32;
            default -> Bus.FAULT;
        };
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (size != 4) {
            return false;
        }
        long v = value & 0xFFFF_FFFFL;
        switch (offset) {
            case 0 -> hart.mip = (value & 1) != 0 ? hart.mip | Hart.MSIP : hart.mip & ~Hart.MSIP;
            case 0x4000 -> mtimecmp = (mtimecmp & 0xFFFF_FFFF_0000_0000L) | v;
            case 0x4004 -> mtimecmp = (mtimecmp & 0xFFFF_FFFFL) | v << 32;
            case 0xBFF8 -> setMtime((mtime() & 0xFFFF_FFFF_0000_0000L) | v);
            case 0xBFFC -> setMtime((mtime() & 0xFFFF_FFFFL) | v << 32);
            default -> {
                return false;
            }
        }
        updateTimerInterrupt();
        return true;
    }
}
