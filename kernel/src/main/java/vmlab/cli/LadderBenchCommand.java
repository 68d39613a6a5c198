package vmlab.cli;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vmlab.measure.LadderResult;
import vmlab.measure.OverheadLadder;

/** {@code vmlab bench ladder}: the capstone's overhead ladder, every rung of today on the three workloads. */
@Command(name = "ladder",
        mixinStandardHelpOptions = true,
        description = {"Measures the overhead ladder: a CPU-bound (fib), a system-call-bound (getpid loop) and an "
                + "I/O-bound (4 KiB console writes) workload in native Java, in a container, in a Type-1 VM "
                + "and in a Type-2 VM (trap-and-emulate), as a process on the block compiler and on the interpreter.",
                "Warm, best of k runs on the measuring thread's CPU time; prints every row, then each rung's ratios "
                        + "to native Java and their geometric mean, and whether every rung printed the same output."})
public final class LadderBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "small sizes, short warm-up, best of 3: seconds, rougher ratios")
    boolean quick;

    @Option(names = "--best", paramLabel = "K", description = "timed runs per rung and workload (default 5)")
    int best = 5;

    @Override
    public Integer call() {
        OverheadLadder ladder = quick ? OverheadLadder.small() : OverheadLadder.standard().best(best);
        System.out.printf("overhead ladder: %s, JDK %s, %d cores, load average %.2f%n", System.getProperty("os.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        LadderResult result = ladder.progress((done, total, what) ->
                System.err.printf("\r[%d/%d] %-60s", done + 1, total, what)).run();
        System.err.println();
        System.out.println(result.table().printAll());
        System.out.println();
        System.out.println(result);
        return result.rungs().stream().allMatch(result::sameOutputAsNative) ? 0 : 1;
    }
}
