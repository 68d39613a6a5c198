package vmlab.hypervisor;

import java.util.Map;
import java.util.TreeMap;

/**
 * The host's physical RAM as the monitor hands it out: each VM gets a contiguous slice for its RAM and another for its
 * shadow page tables, and gives them back when it powers off. Overcommit is refused: a VM whose memory the host cannot
 * back right now does not start (the alternative, ballooning or swapping guest memory, needs a guest that cooperates
 * or a host that pages; neither exists here, and refusing keeps one VM's appetite from hurting another).
 */
final class HostMemory {
    private final int base;
    private final int size;
    /** Free ranges: start offset -> length (bytes), kept merged. */
    private final TreeMap<Integer, Integer> free = new TreeMap<>();

    HostMemory(int base, int size) {
        this.base = base;
        this.size = size;
        free.put(0, size);
    }

    /** A 4 KiB-aligned slice of {@code bytes}; throws, saying what is free, if none is big enough. */
    int allocate(int bytes, String purpose) {
        int length = (bytes + 4095) & -4096;
        for (Map.Entry<Integer, Integer> e : free.entrySet()) {
            if (e.getValue() >= length) {
                int start = e.getKey();
                free.remove(start);
                if (e.getValue() > length) {
                    free.put(start + length, e.getValue() - length);
                }
                return base + start;
            }
        }
        throw new IllegalStateException(String.format("the host cannot back %s: it needs %,d KiB and the largest free "
                + "piece of the host's %,d KiB is %,d KiB (%,d KiB free in all); overcommit is refused, so power off "
                + "another VM first", purpose, length >> 10, size >> 10, largestFree() >> 10, freeBytes() >> 10));
    }

    void release(int address, int bytes) {
        int start = address - base, length = (bytes + 4095) & -4096;
        free.put(start, length);
        Map.Entry<Integer, Integer> next = free.higherEntry(start);
        if (next != null && start + length == next.getKey()) {
            free.remove(next.getKey());
            free.put(start, length + next.getValue());
            length += next.getValue();
        }
        Map.Entry<Integer, Integer> previous = free.lowerEntry(start);
        if (previous != null && previous.getKey() + previous.getValue() == start) {
            free.remove(start);
            free.put(previous.getKey(), previous.getValue() + length);
        }
    }

    long freeBytes() {
        return free.values().stream().mapToLong(Integer::longValue).sum();
    }

    private long largestFree() {
        return free.values().stream().mapToLong(Integer::longValue).max().orElse(0);
    }

    int size() {
        return size;
    }
}
