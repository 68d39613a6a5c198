package vmlab.engine;

import vmlab.machine.Bus;

/**
 * Loads and stores of translated code: the TLB hit test and the RAM access as small static methods, which HotSpot inlines
 * into the generated method. Written once here rather than spelled out in every generated load, they keep regions'
 * bytecode about half as big, so a region can hold twice the guest code under the compiled-method size limits.
 *
 * <p>A load answers the zero- or sign-extended value, or {@link #MISS} (never a 32-bit value) when the TLB has no entry
 * for the page (or the access crosses its end); a store answers false in that case and writes nothing.
 */
public final class TranslatedMemory {
    public static final long MISS = Long.MIN_VALUE;

    private TranslatedMemory() {
    }

    public static long lw(int[] tag, int[] delta, byte[] ram, int va) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == ((va + 3) & ~0xFFF) ? (int) Bus.INT.get(ram, va + delta[s]) : MISS;
    }

    public static long lh(int[] tag, int[] delta, byte[] ram, int va) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == ((va + 1) & ~0xFFF) ? (short) Bus.SHORT.get(ram, va + delta[s]) : MISS;
    }

    public static long lhu(int[] tag, int[] delta, byte[] ram, int va) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == ((va + 1) & ~0xFFF) ? (short) Bus.SHORT.get(ram, va + delta[s]) & 0xFFFF : MISS;
    }

    public static long lb(int[] tag, int[] delta, byte[] ram, int va) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == (va & ~0xFFF) ? ram[va + delta[s]] : MISS;
    }

    public static long lbu(int[] tag, int[] delta, byte[] ram, int va) {
        int s = (va >>> 12) & Tlb.MASK;
        return tag[s] == (va & ~0xFFF) ? ram[va + delta[s]] & 0xFF : MISS;
    }

    public static boolean sw(int[] tag, int[] delta, byte[] ram, int va, int value) {
        int s = (va >>> 12) & Tlb.MASK;
        if (tag[s] != ((va + 3) & ~0xFFF)) {
            return false;
        }
        Bus.INT.set(ram, va + delta[s], value);
        return true;
    }

    public static boolean sh(int[] tag, int[] delta, byte[] ram, int va, int value) {
        int s = (va >>> 12) & Tlb.MASK;
        if (tag[s] != ((va + 1) & ~0xFFF)) {
            return false;
        }
        Bus.SHORT.set(ram, va + delta[s], (short) value);
        return true;
    }

    public static boolean sb(int[] tag, int[] delta, byte[] ram, int va, int value) {
        int s = (va >>> 12) & Tlb.MASK;
        if (tag[s] != (va & ~0xFFF)) {
            return false;
        }
        ram[va + delta[s]] = (byte) value;
        return true;
    }
}
