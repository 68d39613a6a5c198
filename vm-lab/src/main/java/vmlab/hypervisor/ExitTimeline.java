package vmlab.hypervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A VM's exits over simulated time: after each exit the monitor tells the timeline the clock and the VM's counts, and
 * each time a bucket of simulated time closes (a millisecond of a 1 GHz core, 1,000,000 cycles, by default) it records
 * the exits of that bucket by reason, and hands each sample to whoever watches (a live chart in a notebook). Buckets in
 * which the VM made no exit (it was idle, or another VM ran) are not recorded.
 */
public final class ExitTimeline {
    /** One bucket's exits of one reason: where the bucket starts, in simulated milliseconds, and how many. */
    public record Bucket(double startMs, ExitReason reason, long exits) {
    }

    /** A simulated millisecond, in cycles: a 1 GHz core, as skernel's HZ=1000 tick assumes. */
    public static final long CYCLES_PER_MS = 1_000_000;
    /** Samples kept: a long run keeps its first ones (the chart of a session, not of a day). */
    static final int MAX_SAMPLES = 200_000;

    private long bucketCycles = CYCLES_PER_MS;
    private long bucketStart = -1;
    private final long[] atBucketStart = new long[ExitReason.values().length];
    private final List<Bucket> samples = new ArrayList<>();
    private final List<Consumer<Bucket>> watchers = new ArrayList<>();

    /** Buckets of {@code cycles} simulated cycles from now on. */
    public ExitTimeline bucket(long cycles) {
        if (cycles <= 0) {
            throw new IllegalArgumentException("a bucket must be at least one cycle, not " + cycles);
        }
        bucketCycles = cycles;
        return this;
    }

    public long bucketCycles() {
        return bucketCycles;
    }

    /** Every sample so far (a copy). */
    public List<Bucket> samples() {
        return List.copyOf(samples);
    }

    /** Hands each new sample to {@code watcher} as it is recorded (on the thread that runs the guest). */
    public ExitTimeline watch(Consumer<Bucket> watcher) {
        watchers.add(watcher);
        return this;
    }

    /** After an exit: {@code now} is the simulated clock, {@code exits} the VM's counts by reason. */
    void observe(long now, long[] exits) {
        if (bucketStart < 0) {
            bucketStart = now - Math.floorMod(now, bucketCycles); // the first exit opens the first bucket
        }
        if (now - bucketStart >= bucketCycles) {
            close(now, exits); // the bucket is over: its exits (the one that noticed it included) by reason
        }
    }

    /** Records the open bucket (the VM stopped, or a bucket is over) and opens the one {@code now} is in. */
    void close(long now, long[] exits) {
        if (bucketStart < 0) {
            return;
        }
        double startMs = (double) bucketStart / CYCLES_PER_MS;
        for (ExitReason reason : ExitReason.values()) {
            int r = reason.ordinal();
            long n = exits[r] - atBucketStart[r];
            if (n > 0 && samples.size() < MAX_SAMPLES) {
                Bucket sample = new Bucket(startMs, reason, n);
                samples.add(sample);
                for (Consumer<Bucket> w : watchers) {
                    w.accept(sample);
                }
            }
        }
        bucketStart = now - Math.floorMod(now, bucketCycles);
        System.arraycopy(exits, 0, atBucketStart, 0, exits.length);
    }
}
