package vmlab.os;

import java.util.ArrayDeque;
import vmlab.machine.Bus;

/**
 * Hands out the machine's physical RAM in 4 KiB page frames, as a kernel's page allocator does. Frames come back zeroed
 * so that no process sees another's data. A frame can be mapped by several address spaces (the read-only text of a
 * program that many processes run, see {@link SharedText}): each holder takes a reference, and the frame is free again
 * when the last one lets go.
 */
public final class FrameAllocator {
    public static final int FRAME = 4096;
    private final Bus bus;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final int[] references;
    private int next;
    private final int end;
    private int inUse;

    public FrameAllocator(Bus bus) {
        this.bus = bus;
        this.next = bus.ramBase;
        this.end = bus.ramBase + bus.ramSize;
        this.references = new int[bus.ramSize / FRAME];
    }

    /** The physical address of a zeroed frame (one reference, the caller's), or 0 if RAM is exhausted. */
    public int allocate() {
        int frame;
        if (!free.isEmpty()) {
            frame = free.pop();
        } else if (Integer.compareUnsigned(next, end) < 0 && next != 0) {
            frame = next;
            next += FRAME;
        } else {
            return 0;
        }
        bus.zero(frame, FRAME); // through the bus, so that engines caching code from an old use of the frame hear of it
        references[index(frame)] = 1;
        inUse++;
        return frame;
    }

    /**
     * {@code bytes} (whole frames) of contiguous, zeroed RAM, never handed out before, one reference on each frame; or
     * 0 if that much is not left in one piece. For memory that must be physically contiguous (a VM's RAM).
     */
    public int allocateContiguous(int bytes) {
        if (bytes <= 0 || (bytes & (FRAME - 1)) != 0 || next == 0
                || Integer.toUnsignedLong(end) - Integer.toUnsignedLong(next) < bytes) {
            return 0;
        }
        int base = next;
        next += bytes;
        bus.zero(base, bytes);
        for (int frame = base; frame != base + bytes; frame += FRAME) {
            references[index(frame)] = 1;
            inUse++;
        }
        return base;
    }

    /** One more holder of {@code frame} (an address space mapping a shared page). */
    public void retain(int frame) {
        references[index(frame)]++;
    }

    /** A holder lets go of {@code frame}; the last one frees it. */
    public void release(int frame) {
        int k = index(frame);
        if (references[k] <= 0) {
            throw new IllegalStateException(String.format("frame 0x%08x released but not in use", frame));
        }
        if (--references[k] == 0) {
            free.push(frame);
            inUse--;
        }
    }

    /** How many address spaces (and caches) hold {@code frame}. */
    public int references(int frame) {
        return references[index(frame)];
    }

    public int framesInUse() {
        return inUse;
    }

    /** Frames never handed out plus frames given back. */
    public int framesFree() {
        return free.size() + (int) ((Integer.toUnsignedLong(end) - Integer.toUnsignedLong(next)) / FRAME);
    }

    private int index(int frame) {
        return (int) ((Integer.toUnsignedLong(frame) - Integer.toUnsignedLong(bus.ramBase)) / FRAME);
    }
}
