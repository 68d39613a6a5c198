package vmlab.engine;

import vmlab.machine.Bus;

/**
 * Loads and stores of translated code: the TLB hit test and the RAM access as small static methods, which HotSpot inlines
 * into the generated method. Written once here rather than spelled out in every generated load, they keep regions'
 * bytecode small, so a region can hold a whole function under the compiled-method size limits. A miss is not handled
 * here: generated code gives up and leaves before the instruction (see {@link RegionCompiler}).
 *
 * <p>Every access is bounds-checked by the JVM (plain array indexing and the little-endian {@link Bus#INT} and
 * {@link Bus#SHORT} views), so even a bug in the TLB can only throw, never touch memory outside {@code ram}. This class
 * used {@code sun.misc.Unsafe} without bounds checks before; measured against it on the block compiler the checked
 * accesses cost about 2 % of CPU time over five workloads (docs/benchmarks.md, "Translated memory: VarHandle against
 * Unsafe"), and Unsafe's memory methods print a warning from Java 24 on and will be removed.
 *
 * <p>Generated code asks {@link #hits} first; when the TLB has no entry for the page (not yet filled, a fault, a device,
 * a watched code page, or an access crossing the page's end) the translation stops before the instruction and the
 * interpreter executes it. Package-private, like the TLB: a notebook cell cannot call it.
 */
final class TranslatedMemory {

    private TranslatedMemory() {
    }

    /** tag[slot]: the slot is masked to the TLB's size. */
    private static int slotOf(int[] array, int va) {
        return array[(va >>> 12) & Tlb.MASK];
    }

    /**
     * True if the TLB whose tags are {@code tag} maps the {@code size} bytes at {@code va}: one comparison, which also
     * fails for an access running over the page's end.
     */
    static boolean hits(int[] tag, int va, int size) {
        return slotOf(tag, va) == ((va + size - 1) & ~0xFFF);
    }

    /**
     * Where guest address {@code va} is in {@code ram}, once {@link #hits} answered true for it. The sum is taken in 32
     * bits, as the deltas were made (it wraps for addresses at 0x80000000 and up), and only then widened: a long, as the
     * generated code keeps it (it adds the offsets of the accesses that share one TLB test).
     */
    static long at(int[] delta, int va) {
        return va + slotOf(delta, va);
    }

    // The accesses themselves, at a position from at() (plus an offset that stays inside the page hits() tested).

    static int lw(byte[] ram, long at) {
        return (int) Bus.INT.get(ram, (int) at);
    }

    static int lh(byte[] ram, long at) {
        return (short) Bus.SHORT.get(ram, (int) at);
    }

    static int lhu(byte[] ram, long at) {
        return (short) Bus.SHORT.get(ram, (int) at) & 0xFFFF;
    }

    static int lb(byte[] ram, long at) {
        return ram[(int) at];
    }

    static int lbu(byte[] ram, long at) {
        return ram[(int) at] & 0xFF;
    }

    static void sw(byte[] ram, long at, int value) {
        Bus.INT.set(ram, (int) at, value);
    }

    static void sh(byte[] ram, long at, int value) {
        Bus.SHORT.set(ram, (int) at, (short) value);
    }

    static void sb(byte[] ram, long at, int value) {
        ram[(int) at] = (byte) value;
    }
}
