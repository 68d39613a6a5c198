package vmlab.cloud;

import static vmlab.html.HtmlText.escape;
import static vmlab.html.HtmlText.labelled;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import vmlab.container.Container;
import vmlab.container.ContainerHost;
import vmlab.container.RunOptions;
import vmlab.engine.BlockCompiler;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.VmState;

/**
 * The cloud's start costs and footprints, measured on the lab instead of written into the code: what it takes to boot a
 * VM and to start a container, and the memory each holds while it runs.
 *
 * <ul>
 *   <li><b>VM boot</b>: labOS, unmodified, powered on under the Type-1 monitor (trap-and-emulate, on the block compiler)
 *   and run until it waits at its shell prompt: host CPU time, guest instructions and exits;</li>
 *   <li><b>VM memory</b>: what the monitor reserves for that VM while it runs (its RAM and its shadow page tables);</li>
 *   <li><b>container start</b>: {@code docker run -d} of {@code hello} from the corpus image, until its first process is
 *   ready to run (namespaces, cgroup, union root, the program read from the image and loaded), on the same engine: host
 *   CPU time. Like the VM's boot, it ends where the tenant's own program begins;</li>
 *   <li><b>container memory</b>: the guest RAM an idle container holds (the mean over 50 running {@code idle}).</li>
 * </ul>
 * Times are the best of {@code best} runs on this thread's CPU clock, after {@value #WARM_UP_RUNS} warm-up boots and
 * {@value #CONTAINER_WARM_UP_RUNS} warm-up container starts (or {@code best}, if more). They are the lab's
 * figures, on a simulated machine: what they are for is the comparison (a VM boots a kernel, a container starts a
 * process), not a prediction of a real cloud's seconds.
 *
 * <pre>{@code
 * var calibration = Calibration.measure();
 * Orchestrator.hosts(3, HostShape.server()).service("web", 6, 1, 2).containerReplicas(calibration)
 * }</pre>
 */
public final class Calibration {
    static final int VM_RAM = 32 << 20, IDLE_CONTAINERS = 50;
    /** Untimed runs before the timed ones: HotSpot compiles the monitor's and the container host's code meanwhile. */
    static final int WARM_UP_RUNS = 20;
    /** A container start is a few hundred microseconds once compiled, and HotSpot needs more runs to get there. */
    static final int CONTAINER_WARM_UP_RUNS = 200;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double vmBootSeconds;
    private final long vmBootInstructions;
    private final long vmBootExits;
    private final long vmMemoryBytes;
    private final double containerStartSeconds;
    private final long containerMemoryBytes;
    private final String source;

    private Calibration(double vmBootSeconds, long vmBootInstructions, long vmBootExits, long vmMemoryBytes,
                        double containerStartSeconds, long containerMemoryBytes, String source) {
        positive("VM boot seconds", vmBootSeconds);
        positive("VM memory bytes", vmMemoryBytes);
        positive("container start seconds", containerStartSeconds);
        positive("container memory bytes", containerMemoryBytes);
        this.vmBootSeconds = vmBootSeconds;
        this.vmBootInstructions = vmBootInstructions;
        this.vmBootExits = vmBootExits;
        this.vmMemoryBytes = vmMemoryBytes;
        this.containerStartSeconds = containerStartSeconds;
        this.containerMemoryBytes = containerMemoryBytes;
        this.source = source;
    }

    private static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, not " + value);
        }
    }

    /** Measures now: best of 5 after the warm-up runs (a few seconds). */
    public static Calibration measure() {
        return measure(5);
    }

    /** Measures now: best of {@code best} runs after the warm-up runs. */
    public static Calibration measure(int best) {
        if (best < 1) {
            throw new IllegalArgumentException("best of " + best + " runs: need at least one");
        }
        double[] boot = new double[best], start = new double[best];
        long[] vm = null;
        int warmUp = Math.max(best, WARM_UP_RUNS);
        for (int k = -warmUp; k < best; k++) {
            long[] figures = bootLabOs();
            if (k >= 0) {
                boot[k] = figures[0] / 1e9;
                vm = figures;
            }
        }
        ContainerHost host = ContainerHost.create(64, BlockCompiler::new);
        for (int k = -Math.max(best, CONTAINER_WARM_UP_RUNS); k < best; k++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            Container c = host.run("corpus", new RunOptions().detach(), "hello");
            long spent = THREADS.getCurrentThreadCpuTime() - cpu;
            host.waitFor(c, Duration.ofSeconds(10));
            if (c.running() || c.exitCode() != 0) {
                throw new IllegalStateException("hello did not run to its end in a container: " + c.status());
            }
            host.rm(c.id());
            if (k >= 0) {
                start[k] = spent / 1e9;
            }
        }
        return new Calibration(min(boot), vm[1], vm[2], vm[3], min(start), idleContainerBytes(),
                "measured " + java.time.LocalDate.now() + " on this machine (JDK " + System.getProperty("java.version")
                        + "), best of " + best + " after " + warmUp + " warm-up boots and " + Math.max(best, CONTAINER_WARM_UP_RUNS)
                        + " warm-up container starts, on thread CPU time");
    }

    /** Figures measured elsewhere (a saved run, another machine): the same checks, no measurement. */
    public static Calibration of(double vmBootSeconds, long vmMemoryBytes, double containerStartSeconds,
                                 long containerMemoryBytes, String source) {
        return new Calibration(vmBootSeconds, 0, 0, vmMemoryBytes, containerStartSeconds, containerMemoryBytes, source);
    }

    /** One labOS boot to its prompt: {CPU nanoseconds, guest instructions, exits, host bytes reserved}. */
    private static long[] bootLabOs() {
        Hypervisor monitor = Hypervisor.typeOne(VM_RAM + (4 << 20));
        long free = monitor.freeHostMemory();
        GuestVm vm = monitor.create("labos", VM_RAM, GuestBoot.kernel(GuestKernels.labos()));
        long cpu = THREADS.getCurrentThreadCpuTime();
        vm.start();
        monitor.runUntilStopped(new BlockCompiler(), vm, 2_000_000_000L);
        long spent = THREADS.getCurrentThreadCpuTime() - cpu;
        if (vm.state() != VmState.RUNNING || !vm.console().endsWith("labos$ ")) {
            throw new IllegalStateException("labOS did not reach its shell prompt under the monitor: " + vm.state() + ", "
                    + vm.stopReason());
        }
        return new long[] {spent, vm.guestInstructions(), vm.exitCount(), free - monitor.freeHostMemory()};
    }

    /** Guest RAM per idle container: {@value #IDLE_CONTAINERS} of them started, run a little, divided. */
    private static long idleContainerBytes() {
        ContainerHost host = ContainerHost.create(64, BlockCompiler::new);
        long empty = host.memoryInUse();
        for (int k = 0; k < IDLE_CONTAINERS; k++) {
            host.run("corpus", new RunOptions().detach(), "idle");
        }
        host.advance(Duration.ofMillis(20));       // each has touched its stack and data: what it really holds
        return (host.memoryInUse() - empty) / IDLE_CONTAINERS;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** Host CPU seconds from power-on to labOS's shell prompt. */
    public double vmBootSeconds() {
        return vmBootSeconds;
    }

    /** Guest instructions of that boot (0 when the figures were given, not measured). */
    public long vmBootInstructions() {
        return vmBootInstructions;
    }

    /** Exits to the monitor during that boot (0 when given). */
    public long vmBootExits() {
        return vmBootExits;
    }

    /** Host memory the monitor holds for one running labOS VM. */
    public long vmMemoryBytes() {
        return vmMemoryBytes;
    }

    /** Host CPU seconds from {@code docker run -d} to the container's first process ready to run. */
    public double containerStartSeconds() {
        return containerStartSeconds;
    }

    /** Guest RAM one idle container holds. */
    public long containerMemoryBytes() {
        return containerMemoryBytes;
    }

    /** How many times longer a VM takes to be ready than a container. */
    public double bootOverStart() {
        return vmBootSeconds / containerStartSeconds;
    }

    /** How many idle containers fit in the memory of one VM. */
    public double containersPerVmMemory() {
        return (double) vmMemoryBytes / containerMemoryBytes;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return String.format("VM (labOS to its prompt): %.2f ms to boot, %,d guest instructions, %,d exits, %.1f MiB held; "
                        + "container: %.3f ms to start, %.1f KiB held when idle; a VM takes %.0fx a container's start "
                        + "and the memory of %,.0f idle containers (%s)", vmBootSeconds * 1e3, vmBootInstructions,
                vmBootExits, vmMemoryBytes / 1048576.0, containerStartSeconds * 1e3, containerMemoryBytes / 1024.0,
                bootOverStart(), containersPerVmMemory(), source);
    }

    public String toHtml() {
        return "<div><b>Calibration</b> &middot; " + escape(source) + "<br>"
                + labelled("VM boot (labOS)", String.format("%.2f ms of CPU, %,d guest instructions, %,d exits",
                        vmBootSeconds * 1e3, vmBootInstructions, vmBootExits))
                + labelled("VM memory", String.format("%.1f MiB", vmMemoryBytes / 1048576.0))
                + labelled("container start", String.format("%.3f ms of CPU (to its first process ready to run)",
                        containerStartSeconds * 1e3))
                + labelled("container memory", String.format("%.1f KiB (idle)", containerMemoryBytes / 1024.0))
                + labelled("VM / container", String.format("%.0fx the start, %,.0fx the memory", bootOverStart(),
                        containersPerVmMemory()))
                + "</div>";
    }
}
