package vmlab.machine;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did, counted as it happens: traps by cause and system calls by number (instructions retired and cycles
 * are the hart's own {@code minstret} and {@code mcycle}). The lab tables and the time-sharing lessons read these.
 */
public final class Counters {
    private final long[] trapsBySlot = new long[48];
    private final Map<Integer, Long> syscalls = new TreeMap<>();
    private long unknownSyscalls;

    public void trap(int cause) {
        trapsBySlot[Cause.slot(cause)]++;
    }

    public void syscall(int number, boolean known) {
        syscalls.merge(number, 1L, Long::sum);
        if (!known) {
            unknownSyscalls++;
        }
    }

    public long traps(int cause) {
        return trapsBySlot[Cause.slot(cause)];
    }

    public long totalTraps() {
        long total = 0;
        for (long n : trapsBySlot) {
            total += n;
        }
        return total;
    }

    /** Cause name to count, only causes that happened. */
    public Map<String, Long> trapsByCause() {
        Map<String, Long> result = new TreeMap<>();
        for (int slot = 0; slot < trapsBySlot.length; slot++) {
            if (trapsBySlot[slot] != 0) {
                result.put(Cause.name(Cause.fromSlot(slot)), trapsBySlot[slot]);
            }
        }
        return result;
    }

    /** System-call number to count. */
    public Map<Integer, Long> syscallsByNumber() {
        return new TreeMap<>(syscalls);
    }

    public long unknownSyscalls() {
        return unknownSyscalls;
    }

    public void reset() {
        java.util.Arrays.fill(trapsBySlot, 0);
        syscalls.clear();
        unknownSyscalls = 0;
    }
}
