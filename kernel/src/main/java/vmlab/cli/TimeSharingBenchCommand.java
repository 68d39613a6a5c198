package vmlab.cli;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.isa.Assembler;
import vmlab.machine.Elf;
import vmlab.machine.Machine;
import vmlab.os.ProgressListener;
import vmlab.os.CpuClock;
import vmlab.os.GuestCorpus;
import vmlab.os.HostOs;
import vmlab.os.Policy;
import vmlab.os.Task;
import vmlab.timesharing.SessionResult;
import vmlab.timesharing.TimeSharing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The time-sharing figures, measured now on this host (prints them; asserts nothing):
 * <ol>
 *   <li>context switches per host second that the host kernel sustains (16 spinning processes, tiny slices);</li>
 *   <li>the slowdown of a CPU-bound program ({@code fib 24}) sharing the CPU with 1, 4 and 16 others (running
 *       {@code fib 27}, the same code for longer), in simulated time (expected: about N times, plus the switch overhead)
 *       and in host time;</li>
 *   <li>the largest session (users x simulated minutes) that runs in under 10 host seconds.</li>
 * </ol>
 * Run: {@code java -jar kernel/target/vmlab.jar bench timesharing [--engine fast]}.
 * Wall-clock figures depend on the load of the machine; thread CPU time is printed next to them.
 */
@Command(name = "timesharing", mixinStandardHelpOptions = true,
        description = {"Measures the host kernel's time-sharing: context switches per second, the slowdown of fib 24 "
                + "sharing the CPU with 1, 4 and 16 others, and the largest session that runs in under 10 s.",
                "Prints figures; wall-clock ones depend on the machine's load, thread CPU time is printed beside them."})
public final class TimeSharingBenchCommand implements Callable<Integer> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Elf SPIN = new Elf(Assembler.assemble("spin", "_start: j _start\n", 0x10000).image(), 0, 0, 0);

    @Option(names = "--engine", defaultValue = "reference", paramLabel = "E",
            description = "reference (default: the lesson's engine for sessions) or fast")
    String engineName;

    @Override
    public Integer call() {
        if (!engineName.equals("reference") && !engineName.equals("fast")) {
            System.err.println("vmlab bench timesharing: unknown engine '" + engineName + "' (reference or fast)");
            return 2;
        }
        Supplier<Engine> engine = engineName.equals("fast") ? FastInterpreter::new : ReferenceInterpreter::new;
        System.out.println("engine: " + engine.get().name() + ", host: " + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        switchesPerSecond(engine, 100);      // warm-up
        for (long quantum : new long[] {100, 1_000, 10_000}) {
            switchesPerSecond(engine, quantum);
        }
        slowdown(engine);
        largestSession(engine);
        return 0;
    }

    private static HostOs kernel(Supplier<Engine> engine, long quantum) {
        return new HostOs(new Machine(16 << 20), engine.get(), CpuClock.DEFAULT).quantum(quantum)
                .policy(Policy.ROUND_ROBIN);
    }

    private static void switchesPerSecond(Supplier<Engine> engine, long quantum) {
        HostOs kernel = kernel(engine, quantum);
        for (int k = 0; k < 16; k++) {
            kernel.spawn("u" + k, SPIN, List.of("spin"), null, OutputStream.nullOutputStream());
        }
        long cpu = THREADS.getCurrentThreadCpuTime(), wall = System.nanoTime();
        kernel.runUntil(kernel.now() + 20_000_000, ProgressListener.NONE);
        double wallS = (System.nanoTime() - wall) / 1e9, cpuS = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        long switches = kernel.account().contextSwitches();
        System.out.printf("context switches, quantum %,6d: %,9d switches in %.2f s wall (%.2f s CPU): %,.0f switches/s "
                        + "wall, %,.0f per CPU-second; guest %.1f MIPS%n", quantum, switches, wallS, cpuS,
                switches / wallS, switches / cpuS, kernel.account().userCycles() / wallS / 1e6);
    }

    private static void slowdown(Supplier<Engine> engine) {
        Elf fib = GuestCorpus.program("fib");
        long alone = 0;
        double aloneCpu = Double.MAX_VALUE;
        for (int others : new int[] {0, 0, 0, 1, 4, 16}) { // alone three times: warm-up, then the best of two
            HostOs kernel = kernel(engine, 10_000);
            Task target = kernel.spawn("target", fib, List.of("fib", "24"), null, OutputStream.nullOutputStream());
            for (int k = 0; k < others; k++) {
                // the others run the same code for longer, so that they are all still competing when the target ends
                kernel.spawn("other" + k, fib, List.of("fib", "27"), null, OutputStream.nullOutputStream());
            }
            long cpu = THREADS.getCurrentThreadCpuTime();
            while (target.finishedAt() < 0) {
                kernel.runUntil(kernel.now() + 1_000_000, ProgressListener.NONE);
            }
            double host = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            long took = target.finishedAt() - target.submittedAt();
            if (others == 0) {
                alone = took;
                aloneCpu = Math.min(aloneCpu, host);
                continue;
            }
            double slowdown = (double) took / alone;
            System.out.printf("fib 24 sharing the CPU with %2d others: %.2f simulated s vs %.2f alone = %.2fx "
                            + "(%.3fx per program: overhead %.1f %%); host CPU time %.2f s vs %.2f s alone = %.1fx%n",
                    others, took / 1e5, alone / 1e5, slowdown, slowdown / (others + 1),
                    100 * (slowdown / (others + 1) - 1), host, aloneCpu, host / aloneCpu);
        }
    }

    private static void largestSession(Supplier<Engine> engine) {
        for (int users : new int[] {16, 64, 256}) {
            TimeSharing ts = new TimeSharing().users(users).engine(engine);
            int best = 0;
            double bestHost = 0;
            for (int minutes = 4; minutes <= 1024; minutes *= 2) {
                long cpu = THREADS.getCurrentThreadCpuTime();
                SessionResult r = ts.run(Duration.ofMinutes(minutes));
                double cpuS = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                System.out.printf("session of %d users x %d simulated min: %.2f s wall (%.2f s CPU), utilization "
                        + "%.0f %%, %d jobs%n", users, minutes, r.hostSeconds(), cpuS, 100 * r.utilization(),
                        r.jobsFinished());
                if (r.hostSeconds() >= 10) {
                    break;
                }
                best = minutes;
                bestHost = r.hostSeconds();
            }
            System.out.printf("largest session under 10 s with %d users: %d simulated minutes (%d user-minutes, %.2f s)%n",
                    users, best, users * best, bestHost);
        }
    }
}
