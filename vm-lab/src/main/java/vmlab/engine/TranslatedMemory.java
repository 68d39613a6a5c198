package vmlab.engine;

import vmlab.machine.Bus;

/**
 * Loads and stores of translated code: the TLB hit test and the RAM access as small static methods, which HotSpot inlines
 * into the generated method. Written once here rather than spelled out in every generated load, they keep regions'
 * bytecode small, so a region can hold a whole function under the compiled-method size limits. The TLB refill on a miss
 * is here too (out of line, in {@code *Miss}), so generated code has one test per access: hit or give up.
 *
 * <p>A load answers the zero- or sign-extended value, or {@link #MISS} (never a 32-bit value) when the TLB cannot map
 * the page (a fault, a device, a watched code page, or an access crossing the page's end); a store answers false in that
 * case and writes nothing. The translation then stops before the instruction and the interpreter executes it.
 */
public final class TranslatedMemory {
    public static final long MISS = Long.MIN_VALUE;

    private TranslatedMemory() {
    }

    public static long lw(int[] tag, int[] delta, byte[] ram, int va, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == ((va + 3) & ~0xFFF) ? (int) Bus.INT.get(ram, va + delta[s]) : readMiss(c, va, 4, 0);
    }

    public static long lh(int[] tag, int[] delta, byte[] ram, int va, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == ((va + 1) & ~0xFFF) ? (short) Bus.SHORT.get(ram, va + delta[s]) : readMiss(c, va, 2, 0);
    }

    public static long lhu(int[] tag, int[] delta, byte[] ram, int va, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == ((va + 1) & ~0xFFF) ? (short) Bus.SHORT.get(ram, va + delta[s]) & 0xFFFF : readMiss(c, va, 2, 1);
    }

    public static long lb(int[] tag, int[] delta, byte[] ram, int va, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == (va & ~0xFFF) ? ram[va + delta[s]] : readMiss(c, va, 1, 0);
    }

    public static long lbu(int[] tag, int[] delta, byte[] ram, int va, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == (va & ~0xFFF) ? ram[va + delta[s]] & 0xFF : readMiss(c, va, 1, 1);
    }

    public static boolean sw(int[] tag, int[] delta, byte[] ram, int va, int value, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        if (tag[s] != ((va + 3) & ~0xFFF)) {
            return writeMiss(c, va, 4, value);
        }
        Bus.INT.set(ram, va + delta[s], value);
        return true;
    }

    public static boolean sh(int[] tag, int[] delta, byte[] ram, int va, int value, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        if (tag[s] != ((va + 1) & ~0xFFF)) {
            return writeMiss(c, va, 2, value);
        }
        Bus.SHORT.set(ram, va + delta[s], (short) value);
        return true;
    }

    public static boolean sb(int[] tag, int[] delta, byte[] ram, int va, int value, BlockContext c) {
        int s = (va >>> 12) & Tlb.MASK;
        if (tag[s] != (va & ~0xFFF)) {
            return writeMiss(c, va, 1, value);
        }
        ram[va + delta[s]] = (byte) value;
        return true;
    }

    /** The TLB had no entry: fill it and read, or MISS if it cannot be filled. {@code unsigned} is 1 for lbu/lhu. */
    private static long readMiss(BlockContext c, int va, int size, int unsigned) {
        if (!c.fillRead(va, size)) {
            return MISS;
        }
        byte[] ram = c.ram;
        int at = va + c.readDelta[(va >>> 12) & Tlb.MASK];
        return switch (size) {
            case 4 -> (int) Bus.INT.get(ram, at);
            case 2 -> unsigned == 0 ? (short) Bus.SHORT.get(ram, at) : (short) Bus.SHORT.get(ram, at) & 0xFFFF;
            default -> unsigned == 0 ? ram[at] : ram[at] & 0xFF;
        };
    }

    private static boolean writeMiss(BlockContext c, int va, int size, int value) {
        if (!c.fillWrite(va, size)) {
            return false;
        }
        byte[] ram = c.ram;
        int at = va + c.writeDelta[(va >>> 12) & Tlb.MASK];
        switch (size) {
            case 4 -> Bus.INT.set(ram, at, value);
            case 2 -> Bus.SHORT.set(ram, at, (short) value);
            default -> ram[at] = (byte) value;
        }
        return true;
    }
}
