package vmlab.container;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real namespaced Linux process on the machine that runs the lab, for comparison with the lab's containers:
 * {@code unshare --user --pid --fork --mount-proc true} (new user, PID and mount namespaces, as a rootless container
 * runtime makes them) against a plain {@code true}, both started from this JVM. Where the host does not allow
 * unprivileged user namespaces (or has no {@code unshare}), {@link #refusal()} says why and nothing is measured.
 */
public final class HostUnshare {
    /** The namespaced process: util-linux's unshare, as a user who is not root may run it. */
    public static final List<String> NAMESPACED = List.of("unshare", "--user", "--pid", "--fork", "--mount-proc",
            "true");
    public static final List<String> PLAIN = List.of("true");

    /** Median wall times of the two, in milliseconds, over {@code runs} runs each, taken in turns after a warm-up. */
    public record Timing(double namespacedMillis, double plainMillis, int runs) {
    }

    private HostUnshare() {
    }

    /** Null if this host starts the namespaced process; otherwise why it does not. */
    public static String refusal() {
        return runOnce(NAMESPACED);
    }

    /**
     * Both processes, in turns, {@code runs} times after three warm-up rounds. Wall time, as a child process's CPU time
     * is not this thread's: on a shared machine it includes waiting for a core. Throws if the host refuses.
     */
    public static Timing measure(int runs) {
        String refusal = refusal();
        if (refusal != null) {
            throw new IllegalStateException("this host does not allow `" + String.join(" ", NAMESPACED) + "`: "
                    + refusal);
        }
        long[] namespaced = new long[runs], plain = new long[runs];
        for (int k = -3; k < runs; k++) {
            long t0 = System.nanoTime();
            runOnce(NAMESPACED);
            long t1 = System.nanoTime();
            runOnce(PLAIN);
            long t2 = System.nanoTime();
            if (k >= 0) {
                namespaced[k] = t1 - t0;
                plain[k] = t2 - t1;
            }
        }
        return new Timing(median(namespaced) / 1e6, median(plain) / 1e6, runs);
    }

    /** Runs a host command; null if it succeeded, else why not. */
    private static String runOnce(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + new String(output).strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
