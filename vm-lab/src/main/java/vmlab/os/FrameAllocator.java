package vmlab.os;

import java.util.ArrayDeque;
import vmlab.machine.Bus;

/**
 * Hands out the machine's physical RAM in 4 KiB page frames, as a kernel's page allocator does. Frames come back zeroed
 * so that no process sees another's data.
 */
public final class FrameAllocator {
    public static final int FRAME = 4096;
    private final Bus bus;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int next;
    private final int end;
    private int inUse;

    public FrameAllocator(Bus bus) {
        this.bus = bus;
        this.next = bus.ramBase;
        this.end = bus.ramBase + bus.ramSize;
    }

    /** The physical address of a zeroed frame, or 0 if RAM is exhausted. */
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
        inUse++;
        return frame;
    }

    public void release(int frame) {
        free.push(frame);
        inUse--;
    }

    public int framesInUse() {
        return inUse;
    }
}
