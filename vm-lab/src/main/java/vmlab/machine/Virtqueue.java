package vmlab.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One split virtqueue (virtio 1.2, section 2.7) as the device side sees it: a descriptor table, the driver's "available"
 * ring and the device's "used" ring, all in guest RAM and reached by DMA through a {@link DmaMemory} (the {@link Bus},
 * or a VM's guest-physical memory). Everything the guest wrote is checked before it is trusted: a queue size that is not a power of two, rings or buffers outside RAM, a
 * descriptor index past the table and a chain longer than the table (so a loop) all end in a
 * {@link BrokenQueueException}, never in an endless walk or a host error.
 */
public final class Virtqueue {
    static final int DESC_F_NEXT = 1, DESC_F_WRITE = 2, DESC_F_INDIRECT = 4;

    /** The guest set the queue up so that it cannot be served. */
    static final class BrokenQueueException extends Exception {
        BrokenQueueException(String message) {
            super(message);
        }
    }

    /** One guest buffer of a chain: where, how long, and whether the device writes (true) or reads it. */
    public record Buffer(int address, int length, boolean deviceWrites) { }

    private final DmaMemory bus;
    int size;
    boolean ready;
    /** Descriptor table, available ring, used ring. */
    final long[] addresses = new long[3];
    private int lastAvailable;

    Virtqueue(DmaMemory bus) {
        this.bus = bus;
    }

    void reset() {
        size = 0;
        ready = false;
        java.util.Arrays.fill(addresses, 0);
        lastAvailable = 0;
    }

    /**
     * Hands every chain the driver has made available since the last call to {@code device} (which answers how many
     * bytes it wrote into the chain's buffers) and returns each one in the used ring. True if any was used.
     */
    boolean serve(ToIntFunction<List<Buffer>> device) throws BrokenQueueException {
        if (size <= 0 || size > VirtioMmio.QUEUE_SIZE_MAX || Integer.bitCount(size) != 1) {
            throw new BrokenQueueException("queue size " + size + " is not a power of two up to "
                    + VirtioMmio.QUEUE_SIZE_MAX);
        }
        int desc = ram(addresses[0], 16L * size, "descriptor table");
        int avail = ram(addresses[1], 6 + 2L * size, "available ring");
        int used = ram(addresses[2], 6 + 8L * size, "used ring");
        int availableIndex = (int) bus.read(avail + 2, 2);
        int waiting = (availableIndex - lastAvailable) & 0xFFFF;
        if (waiting > size) {
            throw new BrokenQueueException("the available ring claims " + waiting + " new entries in a queue of " + size);
        }
        for (int k = 0; k < waiting; k++) {
            int head = (int) bus.read(avail + 4 + 2 * (lastAvailable % size), 2);
            int written = device.applyAsInt(chain(desc, head));
            int usedIndex = (int) bus.read(used + 2, 2);
            int slot = used + 4 + 8 * (usedIndex % size);
            bus.write(slot, 4, head);
            bus.write(slot + 4, 4, written);
            bus.write(used + 2, 2, usedIndex + 1);
            lastAvailable = (lastAvailable + 1) & 0xFFFF;
        }
        return waiting > 0;
    }

    private List<Buffer> chain(int desc, int head) throws BrokenQueueException {
        List<Buffer> buffers = new ArrayList<>();
        int index = head;
        while (true) {
            if (index < 0 || index >= size) {
                throw new BrokenQueueException("descriptor index " + index + " is outside the table of " + size);
            }
            if (buffers.size() == size) {
                throw new BrokenQueueException("the chain starting at descriptor " + head + " loops");
            }
            int d = desc + 16 * index;
            long address = bus.read(d, 4) | bus.read(d + 4, 4) << 32;
            int length = (int) bus.read(d + 8, 4);
            int flags = (int) bus.read(d + 12, 2);
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw new BrokenQueueException("indirect descriptors were not offered (descriptor " + index + ")");
            }
            int at = ram(address, length & 0xFFFF_FFFFL, "buffer of descriptor " + index);
            buffers.add(new Buffer(at, length, (flags & DESC_F_WRITE) != 0));
            if ((flags & DESC_F_NEXT) == 0) {
                return buffers;
            }
            index = (int) bus.read(d + 14, 2);
        }
    }

    private int ram(long address, long length, String what) throws BrokenQueueException {
        if (address < 0 || address + length > 0x1_0000_0000L || length > Integer.MAX_VALUE
                || !bus.isRam((int) address, (int) length)) {
            throw new BrokenQueueException(String.format("the %s at 0x%x (%d bytes) is not in RAM", what, address, length));
        }
        return (int) address;
    }
}
