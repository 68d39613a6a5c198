package vmlab.engine;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import sun.misc.Unsafe;

/**
 * Loads and stores of translated code: the TLB hit test and the RAM access as small static methods, which HotSpot inlines
 * into the generated method. Written once here rather than spelled out in every generated load, they keep regions'
 * bytecode small, so a region can hold a whole function under the compiled-method size limits. A miss is not handled
 * here: generated code gives up and leaves before the instruction (see {@link RegionCompiler}).
 *
 * <p>The hit path reads the TLB and RAM without the JVM's array bounds checks ({@link Unsafe}): three compares and
 * three branches fewer per guest load or store, and three registers fewer that HotSpot must keep for array lengths in a
 * method already holding the guest's 31 registers. It is safe because both indexes are proved in range first: a slot
 * is {@code (va >>> 12) & Tlb.MASK}, below the arrays' length {@link Tlb#SIZE}; and a hit means the whole access lies in
 * one page that {@link Tlb} found to be RAM ({@code Bus.isRam(pa, 4096)}) when it filled the slot, so
 * {@code va + delta} and the access's last byte are inside {@code ram}. Misses and everything else use checked Java.
 *
 * <p>Generated code asks {@link #hits} first; when the TLB has no entry for the page (not yet filled, a fault, a device,
 * a watched code page, or an access crossing the page's end) the translation stops before the instruction and the
 * interpreter executes it.
 */
public final class TranslatedMemory {
    private static final Unsafe UNSAFE = unsafe();
    private static final long INTS = Unsafe.ARRAY_INT_BASE_OFFSET, BYTES = Unsafe.ARRAY_BYTE_BASE_OFFSET;
    /** Unsafe reads in the host's byte order; RISC-V is little-endian. A constant, so HotSpot drops the unused branch. */
    private static final boolean SWAP = ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN;

    private TranslatedMemory() {
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** tag[slot] without a bounds check: slot is masked to the TLB's size. */
    private static int slotOf(int[] array, int va) {
        return UNSAFE.getInt(array, INTS + 4L * ((va >>> 12) & Tlb.MASK));
    }

    private static int guestInt(int v) {
        return SWAP ? Integer.reverseBytes(v) : v;
    }

    private static short guestShort(short v) {
        return SWAP ? Short.reverseBytes(v) : v;
    }

    /**
     * True if the TLB whose tags are {@code tag} maps the {@code size} bytes at {@code va}: one comparison, which also
     * fails for an access running over the page's end.
     */
    public static boolean hits(int[] tag, int va, int size) {
        return slotOf(tag, va) == ((va + size - 1) & ~0xFFF);
    }

    /**
     * Where guest address {@code va} is, as an offset into {@code ram}'s object, once {@link #hits} answered true for it.
     * The sum is taken in 32 bits, as the deltas were made (it wraps for addresses at 0x80000000 and up), and only then
     * widened.
     */
    public static long at(int[] delta, int va) {
        int offset = va + slotOf(delta, va);
        return BYTES + offset;
    }

    // The accesses themselves, at a position from at() (plus an offset that stays inside the page hits() tested).

    public static int lw(byte[] ram, long at) {
        return guestInt(UNSAFE.getInt(ram, at));
    }

    public static int lh(byte[] ram, long at) {
        return guestShort(UNSAFE.getShort(ram, at));
    }

    public static int lhu(byte[] ram, long at) {
        return guestShort(UNSAFE.getShort(ram, at)) & 0xFFFF;
    }

    public static int lb(byte[] ram, long at) {
        return UNSAFE.getByte(ram, at);
    }

    public static int lbu(byte[] ram, long at) {
        return UNSAFE.getByte(ram, at) & 0xFF;
    }

    public static void sw(byte[] ram, long at, int value) {
        UNSAFE.putInt(ram, at, guestInt(value));
    }

    public static void sh(byte[] ram, long at, int value) {
        UNSAFE.putShort(ram, at, guestShort((short) value));
    }

    public static void sb(byte[] ram, long at, int value) {
        UNSAFE.putByte(ram, at, (byte) value);
    }
}
