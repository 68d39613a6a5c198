package vmlab.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;

/**
 * What the interrupt checks cost: runs the tight loops of {@link InterruptCheckWorkloads} as javac compiled them and as
 * {@link InterruptCheckWeaver} weaves every cell, each in a class loader of its own, alternating, after a warm-up, and
 * prints the median thread CPU time of each and the difference.
 */
public final class InterruptCheckBenchmark {

    private static final String WORKLOADS = InterruptCheckWorkloads.class.getName();
    private static final Workload[] WORKLOADS_RUN = {
            new Workload("mix", "counted loop, 1G turns", 1_000_000_000L),
            new Workload("sieve", "nested loops, sieve of 50M", 50_000_000L),
            new Workload("fib", "recursion, fib(38)", 38)};

    private record Workload(String method, String what, long n) {
    }

    private final int rounds;

    public InterruptCheckBenchmark(int rounds) {
        this.rounds = rounds;
    }

    public void run(PrintStream out) throws Exception {
        byte[] plain = classBytes();
        byte[] woven = InterruptCheckWeaver.weave(plain);
        Loader plainLoader = new Loader(Map.of(WORKLOADS, plain));
        Loader wovenLoader = new Loader(Map.of(WORKLOADS, woven,
                InterruptCheckWeaver.CHECK_CLASS, InterruptCheckWeaver.checkClass()));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        out.printf("Interrupt checks on tight loops: thread CPU time, median of %d rounds after %d warm-up rounds, "
                + "checked and unchecked alternating%n", rounds, rounds);
        out.printf("%-34s %12s %12s %9s%n", "workload", "unchecked ms", "checked ms", "overhead");
        for (Workload workload : WORKLOADS_RUN) {
            long n = workload.n();
            MethodHandle unchecked = handle(plainLoader, workload.method());
            MethodHandle checked = handle(wovenLoader, workload.method());
            long[] plainNs = new long[rounds];
            long[] wovenNs = new long[rounds];
            for (int r = -rounds; r < rounds; r++) {
                long a = time(cpu, unchecked, n);
                long b = time(cpu, checked, n);
                if (r >= 0) {
                    plainNs[r] = a;
                    wovenNs[r] = b;
                }
            }
            double p = median(plainNs) / 1e6;
            double w = median(wovenNs) / 1e6;
            out.printf("%-34s %12.1f %12.1f %8.1f%%%n", workload.method() + " (" + workload.what() + ")", p, w, (w - p) / p * 100);
        }
    }

    private static long time(ThreadMXBean cpu, MethodHandle workload, long n) {
        long start = cpu.getCurrentThreadCpuTime();
        long result;
        try {
            result = (long) workload.invokeExact(n);
        } catch (Throwable e) {
            throw new IllegalStateException("workload failed", e);
        }
        long ns = cpu.getCurrentThreadCpuTime() - start;
        if (result == 42) {
            // Never true for these sizes; keeps the result alive so the JIT cannot drop the call.
            System.out.print("");
        }
        return ns;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static MethodHandle handle(Loader loader, String method) throws ReflectiveOperationException {
        Class<?> type = loader.loadClass(WORKLOADS);
        var m = type.getDeclaredMethod(method, long.class);
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(long.class, long.class));
    }

    private static byte[] classBytes() throws IOException {
        String resource = "/" + WORKLOADS.replace('.', '/') + ".class";
        try (InputStream in = InterruptCheckBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing " + resource);
            }
            return in.readAllBytes();
        }
    }

    /** Defines the given classes itself (first), everything else comes from the kernel's loader. */
    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(Map<String, byte[]> classes) {
            super(InterruptCheckBenchmark.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                return loaded;
            }
        }
    }
}
