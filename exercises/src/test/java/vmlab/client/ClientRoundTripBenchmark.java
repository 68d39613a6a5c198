package vmlab.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (prints figures, asserts nothing): the round trip of a trivial cell through our client, which is the per-cell
 * overhead that {@code vmlab run} and the grader add on top of the work a cell does.
 *
 * <pre>
 * java -cp CLASSPATH vmlab.client.ClientRoundTripBenchmark CODE KERNEL-ARGV... (with {connection_file} in it)
 * e.g. ... ClientRoundTripBenchmark "1+1" /usr/bin/python3 -m ipykernel_launcher -f {connection_file}
 * </pre>
 */
public final class ClientRoundTripBenchmark {

    private static final int WARM_UPS = 20;
    private static final int ROUNDS = 200;

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ClientRoundTripBenchmark CODE KERNEL-ARGV... (with {connection_file})");
            System.exit(2);
        }
        String code = args[0];
        List<String> argv = Arrays.asList(args).subList(1, args.length);
        long launched = System.nanoTime();
        try (KernelProcess kernel = KernelProcess.command(argv).interruptMode(InterruptMode.MESSAGE).start()) {
            double readyMs = (System.nanoTime() - launched) / 1e6;
            KernelClient client = kernel.client();
            for (int i = 0; i < WARM_UPS; i++) {
                check(client.execute(code, Duration.ofSeconds(30)));
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                check(client.execute(code, Duration.ofSeconds(30)));
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "kernel %s%n  launch to first kernel_info reply: %.0f ms%n"
                            + "  '%s' round trip over %d runs after %d warm-ups: p50 %.2f ms, p90 %.2f ms, min %.2f ms%n",
                    client.kernelInfo().path("implementation").asText(), readyMs, code, ROUNDS, WARM_UPS,
                    millis.get(ROUNDS / 2), millis.get(ROUNDS * 9 / 10), millis.get(0));
        }
    }

    private static void check(ExecutionResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("the benchmark cell failed: " + result);
        }
    }
}
