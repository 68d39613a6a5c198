package vmlab.machine;

import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Device work that completes later, on the machine's simulated clock ({@code mtime}): a disk transfer that finishes some
 * cycles after the guest asked for it. Events run only at engine check points, and every engine ends its slices at the
 * next due event ({@link #cyclesUntilNext}), so an event runs at the same instruction on every engine: results stay
 * identical and reproducible, whatever the host's speed.
 */
public final class DeviceEvents {
    /** Events one check point may run: a device that keeps scheduling work "now" cannot hold the host forever. */
    static final int MAX_PER_CHECK_POINT = 10_000;

    private record Event(long due, long order, Runnable action) { }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compareUnsigned(a.due, b.due) : Long.compare(a.order, b.order));
    private final LongSupplier clock;
    private long order;

    /** Events timed by {@code clock}, normally the CLINT's {@code mtime}. */
    public DeviceEvents(LongSupplier clock) {
        this.clock = clock;
    }

    /** Runs {@code action} at the first check point at least {@code cycles} after now. */
    public void after(long cycles, Runnable action) {
        queue.add(new Event(clock.getAsLong() + Math.max(0, cycles), order++, action));
    }

    /** Cycles until the next event is due: 0 if one is due now, {@link Long#MAX_VALUE} if none is waiting. */
    public long cyclesUntilNext() {
        Event next = queue.peek();
        if (next == null) {
            return Long.MAX_VALUE;
        }
        long now = clock.getAsLong();
        return Long.compareUnsigned(now, next.due) >= 0 ? 0 : next.due - now;
    }

    /** Runs every event that is due, oldest first; returns how many ran. */
    public int deliverDue() {
        int ran = 0;
        while (!queue.isEmpty() && ran < MAX_PER_CHECK_POINT
                && Long.compareUnsigned(clock.getAsLong(), queue.peek().due) >= 0) {
            queue.poll().action.run();
            ran++;
        }
        return ran;
    }

    public int waiting() {
        return queue.size();
    }

    /** Forgets every waiting event (a machine reset). */
    public void clear() {
        queue.clear();
    }
}
