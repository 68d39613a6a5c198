package vmlab.hypervisor;

import vmlab.machine.Bus;

/**
 * A guest's physical memory: a slice of the host's RAM that the guest sees at 0x8000_0000. Guest-physical address
 * {@code g} lives at host-physical {@code hostBase + (g - 0x8000_0000)}; nothing else of the host is reachable.
 */
public final class GuestRam implements GuestBoot.PhysicalMemory {
    public static final int BASE = 0x8000_0000;
    private final Bus bus;
    private final int hostBase;
    private final int size;

    GuestRam(Bus bus, int hostBase, int size) {
        this.bus = bus;
        this.hostBase = hostBase;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The host's bus that holds this slice. */
    Bus bus() {
        return bus;
    }

    /** Where the guest's RAM starts in host-physical memory. */
    public int hostBase() {
        return hostBase;
    }

    /** True if {@code length} bytes at guest-physical {@code address} are all this guest's RAM. */
    public boolean contains(long address, int length) {
        long offset = (address & 0xFFFF_FFFFL) - (BASE & 0xFFFF_FFFFL);
        return offset >= 0 && length >= 0 && offset + length <= size;
    }

    /** The host-physical address of guest-physical {@code address} (which must be in RAM). */
    public int host(long address) {
        return hostBase + (int) ((address & 0xFFFF_FFFFL) - (BASE & 0xFFFF_FFFFL));
    }

    /** A word of guest RAM, zero-extended, or {@link Bus#FAULT} outside it. */
    public long readWord(long address) {
        return contains(address, 4) ? bus.read(host(address), 4) : Bus.FAULT;
    }

    public boolean writeWord(long address, int value) {
        return contains(address, 4) && bus.write(host(address), 4, value);
    }

    @Override
    public boolean write(int address, byte[] bytes, int from, int length) {
        return contains(address, length) && bus.copyIn(host(address), bytes, from, length);
    }

    @Override
    public boolean zero(int address, int length) {
        return contains(address, length) && bus.zero(host(address), length);
    }

    public byte[] read(int address, int length) {
        if (!contains(address, length)) {
            return null;
        }
        byte[] bytes = new byte[length];
        bus.copyOut(host(address), bytes, 0, length);
        return bytes;
    }
}
