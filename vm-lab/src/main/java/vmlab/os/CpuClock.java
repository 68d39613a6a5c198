package vmlab.os;

import java.time.Duration;

/**
 * How fast the simulated CPU goes: the lab machine runs one instruction per cycle and its timer (mtime) counts cycles, so
 * the clock rate turns cycles into simulated seconds. The default, 100,000 instructions a second, is about the pace of the
 * IBM 7094 that ran CTSS, one of the first time-sharing systems; it also keeps a simulated hour within a few host seconds.
 */
public record CpuClock(long hz) {
    public static final CpuClock DEFAULT = new CpuClock(100_000);

    public CpuClock {
        if (hz <= 0) {
            throw new IllegalArgumentException("a clock rate must be positive, not " + hz + " Hz");
        }
    }

    public long cycles(Duration duration) {
        return duration.getSeconds() * hz + duration.getNano() * hz / 1_000_000_000L;
    }

    public long cycles(double seconds) {
        return Math.round(seconds * hz);
    }

    public double seconds(long cycles) {
        return (double) cycles / hz;
    }

    @Override
    public String toString() {
        return String.format("%,d instructions per simulated second", hz);
    }
}
