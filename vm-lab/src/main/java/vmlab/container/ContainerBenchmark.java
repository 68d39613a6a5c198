package vmlab.container;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vmlab.engine.Engine;
import vmlab.engine.ReferenceInterpreter;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.os.LinuxProcess;
import vmlab.os.MemoryTree;
import vmlab.os.MountTable;
import vmlab.os.Task;
import vmlab.os.TaskState;
import vmlab.os.VfsException;

/**
 * The container figures, measured now on this host, each next to its peer measured in the same run (prints them,
 * asserts nothing):
 * <ol>
 *   <li>start time: a container (new namespaces, cgroup, union file system, program read from the image) against a
 *   plain process of the same program on the same kernel, in host wall time: to "PID 1 ready to run", and to "hello has
 *   printed and exited";</li>
 *   <li>memory: guest RAM per idle container, and how many idle containers fit in 64 MiB of guest RAM;</li>
 *   <li>CPU overhead: a CPU-bound program in a container and as a plain process (simulated cycles and host time);</li>
 *   <li>system-call cost: a system-call-heavy program in a container and as a plain process;</li>
 *   <li>where the host allows it, a real namespaced Linux process ({@code unshare --user --pid --fork --mount-proc
 *   true}) against a plain {@code true}.</li>
 * </ol>
 * Wall-clock figures depend on the load of the machine; medians of many repetitions after a warm-up are printed.
 */
public final class ContainerBenchmark {
    private final PrintStream out;
    private final int repeats;
    private final Supplier<Engine> engine;

    public ContainerBenchmark(PrintStream out, int repeats, Supplier<Engine> engine) {
        this.out = out;
        this.repeats = repeats;
        this.engine = engine;
    }

    public static void main(String[] args) {
        new ContainerBenchmark(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 200,
                ReferenceInterpreter::new).run();
    }

    public void run() {
        out.printf("container benchmark: %s, JDK %s, %d cores, load average %.2f, engine %s%n",
                System.getProperty("os.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), engine.get().name());
        startTime();
        density();
        cpuOverhead();
        systemCallCost();
        realUnshare();
        out.println("next to VMs (labOS boot, a VM's memory, a trap-and-emulate VM's system call): "
                + "vmlab bench containers-vs-vms");
    }

    // ---- 1. start time ----------------------------------------------------------------------------------------------------

    private void startTime() {
        ContainerHost host = ContainerHost.create(64, engine);
        Elf hello = corpusProgram(host, "hello");
        int warmup = Math.max(20, repeats / 4);
        long[][] wall = new long[4][repeats], cpu = new long[4][repeats]; // container ready, done; process ready, done
        for (int k = -warmup; k < repeats; k++) {
            long[] w = new long[6], c = new long[6];
            mark(w, c, 0);
            Container container = host.run("corpus", new RunOptions().detach(), "hello");
            mark(w, c, 1);
            host.waitFor(container, Duration.ofSeconds(1));
            mark(w, c, 2);
            host.rm(container.id());
            mark(w, c, 3);
            Task p = host.os().spawn("bench", hello, List.of("hello"), Map.of(), host.os().hostSetup(), null,
                    new ByteArrayOutputStream(), new ByteArrayOutputStream());
            mark(w, c, 4);
            host.os().runWhile(() -> p.state() != TaskState.FINISHED, 100_000, 10_000_000);
            mark(w, c, 5);
            if (k >= 0) {
                int[][] spans = {{0, 1}, {0, 2}, {3, 4}, {3, 5}};
                for (int s = 0; s < 4; s++) {
                    wall[s][k] = w[spans[s][1]] - w[spans[s][0]];
                    cpu[s][k] = c[spans[s][1]] - c[spans[s][0]];
                }
            }
        }
        out.printf("%n1. start time (median [p90] of %d after %d warm-up; image already unpacked; host wall time, and the "
                + "benchmark thread's CPU time)%n", repeats, warmup);
        out.printf("   %-46s %20s %20s %20s %20s%n", "", "to ready (wall)", "to ready (CPU)", "hello done (wall)",
                "hello done (CPU)");
        out.printf("   %-46s %20s %20s %20s %20s%n", "container (namespaces, cgroup, overlay, exec)", ms(wall[0]),
                ms(cpu[0]), ms(wall[1]), ms(cpu[1]));
        out.printf("   %-46s %20s %20s %20s %20s%n", "plain process on the same kernel", ms(wall[2]), ms(cpu[2]),
                ms(wall[3]), ms(cpu[3]));
        out.printf("   target: a container starts in <= 5 ms of wall time: %s (median to ready %.3f ms)%n",
                median(wall[0]) <= 5_000_000 ? "met" : "missed", median(wall[0]) / 1e6);
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static void mark(long[] wall, long[] cpu, int at) {
        wall[at] = System.nanoTime();
        cpu[at] = THREADS.getCurrentThreadCpuTime();
    }

    // ---- 2. memory ----------------------------------------------------------------------------------------------------

    private void density() {
        ContainerHost host = ContainerHost.create(64, engine);
        long empty = host.memoryInUse();
        for (int k = 0; k < 100; k++) {
            host.run("corpus", new RunOptions().detach(), "idle");
        }
        host.advance(Duration.ofMillis(20));
        long hundred = host.memoryInUse() - empty;
        int fitted = 100;
        try {
            while (fitted < 20_000) {
                host.run("corpus", new RunOptions().detach(), "idle");
                fitted++;
                if (fitted % 100 == 0) {
                    host.advance(Duration.ofMillis(1)); // each touches its stack and data: the memory they really use
                }
            }
        } catch (ContainerException e) {
            // guest RAM is full: the kernel refused the next one
        }
        host.advance(Duration.ofMillis(20));
        int running = (int) host.containers().stream().filter(Container::running).count();
        long saved = host.os().sharedText().hits() * 4096;
        out.printf("%n2. memory (64 MiB of guest RAM, idle containers running `idle`, after each has run)%n");
        out.printf("   100 idle containers use %,d bytes of guest RAM: %,d bytes (%.1f KiB) each%n", hundred,
                hundred / 100, hundred / 100 / 1024.0);
        out.printf("   text pages shared instead of loaded again: %,d (%,d bytes saved over all containers)%n",
                host.os().sharedText().hits(), saved);
        out.printf("   idle containers that fit in 64 MiB: %,d started, %,d still running after a simulated 20 ms%n",
                fitted, running);
        out.printf("   target: 100 idle containers in 64 MiB: %s%n", hundred < 64L << 20 ? "met" : "missed");
    }

    // ---- 3. CPU overhead -------------------------------------------------------------------------------------------------

    private void cpuOverhead() {
        out.printf("%n3. CPU overhead (fib 22, median of %d)%n", Math.max(5, repeats / 20));
        compare("fib", List.of("fib", "22"), Math.max(5, repeats / 20), "cycles of user time");
    }

    // ---- 4. system calls ---------------------------------------------------------------------------------------------------

    private void systemCallCost() {
        out.printf("%n4. system-call cost (syscalls 5000: 5,000 one-byte writes and a few dozen more calls, median of "
                + "%d)%n", Math.max(5, repeats / 20));
        compare("syscalls", List.of("syscalls", "5000"), Math.max(5, repeats / 20), "system calls");
    }

    private void compare(String program, List<String> argv, int n, String what) {
        ContainerHost host = ContainerHost.create(64, engine);
        Elf elf = corpusProgram(host, program);
        long[] inContainer = new long[n], plain = new long[n], inContainerCpu = new long[n], plainCpu = new long[n];
        long containerCycles = 0, plainCycles = 0, containerCalls = 0, plainCalls = 0;
        for (int k = -2; k < n; k++) {
            long before = host.os().account().systemCalls();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Container c = host.run("corpus", new RunOptions().timeout(Duration.ofSeconds(60)),
                    argv.toArray(new String[0]));
            long t1 = System.nanoTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            long calls = host.os().account().systemCalls() - before;
            host.rm(c.id());
            before = host.os().account().systemCalls();
            long c2 = THREADS.getCurrentThreadCpuTime();
            long t2 = System.nanoTime();
            // a plain process with a tmpfs as "/", so that it does the same file work as the container does
            LinuxProcess.Setup plainSetup = new LinuxProcess.Setup(host.os().hostNamespaces().withMounts(
                    new MountTable().mount("/", new MemoryTree(), false)), host.os().rootGroup(), null, "/");
            Task p = host.os().spawn("bench", elf, argv, Map.of(), plainSetup, null,
                    new ByteArrayOutputStream(), new ByteArrayOutputStream());
            host.os().runWhile(() -> p.state() != TaskState.FINISHED, 1_000_000, 600_000_000);
            long t3 = System.nanoTime();
            long c3 = THREADS.getCurrentThreadCpuTime();
            if (k >= 0) {
                inContainer[k] = t1 - t0;
                plain[k] = t3 - t2;
                inContainerCpu[k] = c1 - c0;
                plainCpu[k] = c3 - c2;
                containerCycles = c.init().userCycles();
                plainCycles = p.userCycles();
                containerCalls = calls;
                plainCalls = host.os().account().systemCalls() - before;
            }
        }
        out.printf("   %-16s %14s %14s %22s %22s%n", "", "user cycles", "system calls", "host wall", "host CPU");
        out.printf("   %-16s %,14d %,14d %22s %22s%n", "in a container", containerCycles, containerCalls, ms(inContainer),
                ms(inContainerCpu));
        out.printf("   %-16s %,14d %,14d %22s %22s%n", "plain process", plainCycles, plainCalls, ms(plain), ms(plainCpu));
        out.printf("   container / plain: %.3f in host CPU time, %.3f in wall time; %s%n",
                (double) median(inContainerCpu) / median(plainCpu), (double) median(inContainer) / median(plain),
                containerCycles == plainCycles ? "user cycles exactly the same" : "user cycles differ (" + what + ")");
        if (program.equals("syscalls")) {
            out.printf("   host CPU time per system call (whole run / calls): %.2f us in a container, %.2f us plain%n",
                    median(inContainerCpu) / 1000.0 / Math.max(1, containerCalls), median(plainCpu) / 1000.0
                            / Math.max(1, plainCalls));
        }
    }

    // ---- 5. a real namespaced process ---------------------------------------------------------------------------------------

    private void realUnshare() {
        out.printf("%n5. a real Linux namespaced process on this host%n");
        String refusal = HostUnshare.refusal();
        if (refusal != null) {
            out.println("   skipped: this host does not allow `" + String.join(" ", HostUnshare.NAMESPACED) + "` ("
                    + refusal + ")");
            return;
        }
        HostUnshare.Timing t = HostUnshare.measure(Math.max(10, repeats / 10));
        out.printf("   %-52s %10.3f ms%n", String.join(" ", HostUnshare.NAMESPACED), t.namespacedMillis());
        out.printf("   %-52s %10.3f ms%n", "true (a plain process)", t.plainMillis());
        out.printf("   (wall time, medians of %d; both include starting a host process from the JVM; the lab's figures "
                + "above do not)%n", t.runs());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------------

    private static Elf corpusProgram(ContainerHost host, String name) {
        try {
            return ElfLoader.parse(host.image("corpus").layers().get(0).readAll("bin/" + name, 1 << 24), name);
        } catch (VfsException e) {
            throw new IllegalStateException("the corpus image has no " + name + ": " + e.getMessage());
        }
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ms(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%.3f [%.3f] ms", sorted[sorted.length / 2] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.9))] / 1e6);
    }
}
