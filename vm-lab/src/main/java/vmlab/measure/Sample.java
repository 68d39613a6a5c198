package vmlab.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One measured run: guest instructions (for native Java and QEMU: those of the same run on the lab machine), wall-clock
 * seconds, and CPU seconds (NaN if unknown). CPU time is what the run cost whatever else the machine was doing; on a
 * shared, loaded machine it is the steadier figure.
 */
record Sample(long instructions, double seconds, double cpuSeconds) {

    double mips() {
        return instructions / seconds / 1e6;
    }

    /** NaN when the run was too short for the CPU clock to tick (it counts in 10 ms steps): unknown, not infinite. */
    double cpuMips() {
        return cpuSeconds > 0 ? instructions / cpuSeconds / 1e6 : Double.NaN;
    }

    /** CPU time of this whole JVM process so far (all threads: the JIT compilers and the GC count too), in seconds. */
    static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean bean && bean.getProcessCpuTime() >= 0) {
            return bean.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** The measured repeats of one configuration. */
    static final class Series {
        final List<Sample> samples = new ArrayList<>();
        long checksum;

        void add(Sample s) {
            samples.add(s);
        }

        long instructions() {
            return samples.get(0).instructions();
        }

        double medianSeconds() {
            return median(samples.stream().mapToDouble(Sample::seconds).toArray());
        }

        double medianMips() {
            return median(samples.stream().mapToDouble(Sample::mips).toArray());
        }

        double medianCpuSeconds() {
            return median(samples.stream().mapToDouble(Sample::cpuSeconds).toArray());
        }

        double medianCpuMips() {
            return median(samples.stream().mapToDouble(Sample::cpuMips).toArray());
        }

        /** (max - min) / median of the MIPS, in percent: how much the repeats disagree. */
        double spreadPercent() {
            double[] m = samples.stream().mapToDouble(Sample::mips).toArray();
            return (Arrays.stream(m).max().orElse(0) - Arrays.stream(m).min().orElse(0)) / medianMips() * 100;
        }

        int repeats() {
            return samples.size();
        }

        private static double median(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }
}
