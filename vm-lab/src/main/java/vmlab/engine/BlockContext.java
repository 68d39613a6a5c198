package vmlab.engine;

/**
 * What translated code reaches at run time: the registers, RAM, the TLB arrays, and the instruction budget. Generated
 * methods copy these into JVM locals once at entry, so the hot path touches no object field.
 */
final class BlockContext {
    public final int[] x;
    public final byte[] ram;
    public final int[] readTag, readDelta, writeTag, writeDelta;
    /** Instructions the translation may still run; it leaves the rest here. */
    public int left;

    BlockContext(int[] x, byte[] ram, Tlb tlb) {
        this.x = x;
        this.ram = ram;
        this.readTag = tlb.readTag;
        this.readDelta = tlb.readDelta;
        this.writeTag = tlb.writeTag;
        this.writeDelta = tlb.writeDelta;
    }
}
