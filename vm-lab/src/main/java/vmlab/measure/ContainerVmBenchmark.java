package vmlab.measure;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.container.Container;
import vmlab.container.ContainerException;
import vmlab.container.ContainerHost;
import vmlab.container.RunOptions;
import vmlab.engine.Engine;
import vmlab.engine.ReferenceInterpreter;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.VmState;
import vmlab.machine.Elf;
import vmlab.os.HostOs;
import vmlab.os.LinuxProcess;
import vmlab.os.MemoryTree;
import vmlab.os.MountTable;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * Containers measured next to virtual machines, and both next to a plain process of the host's kernel, in one run on
 * one engine (the same simulator plays the hardware for all of them, see {@link #engine}):
 * <ol>
 *   <li>start time: a container (its image already in memory) and a plain process, each running {@code hello} to its
 *   exit; a VM booting labOS to its shell prompt; a VM booting skernel that runs {@code hello} and powers off;</li>
 *   <li>memory: what one more instance takes from a host of {@link #HOST_MIB} MiB, and how many fit: idle containers
 *   until the kernel refuses the next, VMs powered on until the monitor refuses to overcommit;</li>
 *   <li>CPU overhead: the same CPU-bound corpus program ({@code fib}) as a process, in a container, in a VM;</li>
 *   <li>system-call cost: one {@code write} of the corpus program {@code syscalls}, natively, in a container, and in a
 *   trap-and-emulate VM (where skernel serves it).</li>
 * </ol>
 * Two kinds of figures: <b>host CPU time</b> of the measuring thread (measured; medians after warm-up; CPU time,
 * because on a shared machine wall time mostly measures the wait for a core), and <b>simulated cycles</b> (counted
 * instructions plus the assumed costs of {@code OsCosts} and {@code ExitCosts}: a model, labelled as such). For the
 * last two comparisons each figure is a difference between a long and a short run of the same program, so that start-up
 * (and a VM's boot) cancels out and what is left is the program's own work.
 */
public final class ContainerVmBenchmark {
    /** RAM of the hosts in the memory comparison, the same for the container host and the monitor (by default). */
    public static final int HOST_MIB = 64;
    /**
     * RAM of the container host in the timed comparisons: one process at a time needs little, and a smaller machine keeps
     * the Java heap small (a grading kernel has 256 MB). Each monitor there gets its largest VM's RAM plus 2 MiB.
     */
    private static final int TIMED_CONTAINER_HOST_MIB = 16;
    /** The RAM each skernel VM gets (what lesson 05's {@code Lab.hypervisor().vm(...)} gives). */
    public static final int SKERNEL_VM_RAM = 8 << 20;
    /** The RAM a labOS VM gets. */
    public static final int LABOS_VM_RAM = 32 << 20;
    /** Writes in the long run of {@code syscalls} (a multiple of 64, so the program writes no extra newline). */
    public static final int WRITES = 4096;
    private static final long BUDGET = 20_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int warmups;
    private final int repeats;
    private final int fibArgument;
    /** RAM of the hosts in the memory comparison. */
    private int densityMiB;
    private Supplier<Engine> engine = ReferenceInterpreter::new;

    ContainerVmBenchmark(int warmups, int repeats, int fibArgument, int densityMiB) {
        this.warmups = warmups;
        this.repeats = repeats;
        this.fibArgument = fibArgument;
        this.densityMiB = densityMiB;
    }

    /**
     * The engine that plays the hardware for every peer (a new one per host; the reference interpreter by default, as
     * in {@code Lab.containers()}): the same for all, so that no peer gains from a faster simulator.
     */
    public ContainerVmBenchmark engine(Supplier<Engine> engine) {
        this.engine = java.util.Objects.requireNonNull(engine, "engine");
        return this;
    }

    public String engineName() {
        return engine.get().name();
    }

    /** For a notebook cell: a few seconds of CPU time. */
    public static ContainerVmBenchmark quick() {
        return new ContainerVmBenchmark(3, 7, 22, HOST_MIB);
    }

    /** For {@code vmlab bench containers-vs-vms}: more repetitions and a longer CPU-bound run. */
    public static ContainerVmBenchmark full() {
        return new ContainerVmBenchmark(10, 31, 25, HOST_MIB);
    }

    public int repeats() {
        return repeats;
    }

    public int warmups() {
        return warmups;
    }

    /** The RAM of the hosts in the memory comparison, in MiB. */
    public int densityMiB() {
        return densityMiB;
    }

    /**
     * Another RAM size for both hosts of the memory comparison: a notebook's kernel may not have the Java heap for the
     * thousands of containers that fill 64 MiB (each costs the lab's Java kernel about 100 KiB of heap).
     */
    public ContainerVmBenchmark densityMiB(int mib) {
        if (mib < 4 || mib > 1024) {
            throw new IllegalArgumentException("a host of 4 to 1024 MiB, not " + mib);
        }
        this.densityMiB = mib;
        return this;
    }

    /** One peer of a comparison: its median host CPU time and its simulated cycles. */
    public record Peer(String name, double cpuMillis, long simulatedCycles, String detail) {
    }

    /** Peers measured in the same run, and what was measured. */
    public record Comparison(String title, String measured, List<Peer> peers) {
        public Peer peer(String name) {
            return peers.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no peer " + name + " in " + title));
        }

        /** Peer name to host CPU milliseconds, for a chart. */
        public Map<String, Double> cpuMillis() {
            Map<String, Double> m = new LinkedHashMap<>();
            peers.forEach(p -> m.put(p.name(), p.cpuMillis()));
            return m;
        }

        /** Peer name to simulated cycles, for a chart. */
        public Map<String, Long> simulatedCycles() {
            Map<String, Long> m = new LinkedHashMap<>();
            peers.forEach(p -> m.put(p.name(), p.simulatedCycles()));
            return m;
        }

        public String report() {
            StringBuilder out = new StringBuilder(title).append(" (").append(measured).append(")\n");
            out.append(String.format("   %-32s %14s %18s  %s%n", "", "host CPU", "simulated cycles", ""));
            for (Peer p : peers) {
                out.append(String.format("   %-32s %,11.2f us %,18d  %s%n", p.name(), p.cpuMillis() * 1000,
                        p.simulatedCycles(), p.detail()));
            }
            return out.toString();
        }
    }

    /**
     * How much of a host's RAM one instance takes, how many instances the host took before it refused one, and the RAM
     * in use as they were started.
     */
    public record Density(String name, long bytesEach, int fitted, String how, List<Growth> growth) {
    }

    /** RAM in use on the host once this many instances were running. */
    public record Growth(int instances, long bytesUsed) {
    }

    /** Instances started against MiB of RAM in use, one series per kind of instance: for a line chart. */
    public static Table growthTable(List<Density> rows) {
        IntColumn instances = IntColumn.create("instances");
        DoubleColumn used = DoubleColumn.create("MiB in use");
        StringColumn kind = StringColumn.create("kind");
        for (Density d : rows) {
            for (Growth g : d.growth()) {
                instances.append(g.instances());
                used.append(g.bytesUsed() / 1048576.0);
                kind.append(d.name());
            }
        }
        return Table.create("RAM in use as instances start", instances, used, kind);
    }

    // ---- peer names, shared by the report, the lesson and the tests ----------------------------------------------------

    public static final String PROCESS = "plain process";
    public static final String CONTAINER = "container";
    public static final String LABOS_VM = "VM: labOS boots to its shell";
    public static final String SKERNEL_VM = "VM: skernel runs it";
    public static final String TRAP_AND_EMULATE_VM = "VM: skernel, trap-and-emulate";

    // ---- 1. start time ----------------------------------------------------------------------------------------------

    /** hello as a plain process and in a container, labOS booting to its prompt, skernel running hello, in turns. */
    public Comparison startTime() {
        ContainerHost containers = ContainerHost.create(TIMED_CONTAINER_HOST_MIB, engine);
        HostOs kernel = containers.os();
        Elf hello = GuestKernels.corpusProgram("hello");
        Hypervisor monitor = Hypervisor.typeOne(LABOS_VM_RAM + (2 << 20));
        Engine vmEngine = engine.get();
        GuestVm labos = monitor.create("labos", LABOS_VM_RAM, GuestBoot.kernel(GuestKernels.labos()));
        GuestVm skernel = monitor.create("skernel", SKERNEL_VM_RAM,
                GuestBoot.kernelRunning(GuestKernels.skernel(), hello));
        Runs process = new Runs(), container = new Runs(), os = new Runs(), small = new Runs();
        for (int k = -warmups; k < repeats; k++) {
            boolean keep = k >= 0;
            process.time(keep, () -> plainRun(kernel, hello, List.of("hello")).cpuCycles());
            container.time(keep, () -> {
                Container c = containers.run("corpus", new RunOptions(), "hello");
                check(c.exitCode() == 0, "hello in a container: " + c.status());
                return c.init().cpuCycles();
            });
            containers.rm(containers.containers().get(0).id(), true);
            os.time(keep, () -> {
                long before = vmCycles(labos);
                labos.start();
                monitor.runUntilStopped(vmEngine, labos, BUDGET);
                check(labos.console().endsWith("labos$ "), "labOS did not reach its prompt: " + labos.console());
                return vmCycles(labos) - before;
            });
            labos.powerOff();
            small.time(keep, () -> runToPowerOff(monitor, vmEngine, skernel));
        }
        return new Comparison("1. start time", "medians of " + repeats + " after " + warmups + " warm-up runs; host "
                + "CPU time of this thread; simulated cycles of the instance: instructions plus assumed kernel or exit "
                + "costs", List.of(
                process.peer(PROCESS, "spawn hello on the host kernel, run it to its exit"),
                container.peer(CONTAINER, "namespaces, cgroup, overlay over the image, exec hello, run to its exit"),
                os.peer(LABOS_VM, String.format("power on, boot labOS to `labos$ `: %,d exits each",
                        labos.exitCount() / (warmups + repeats))),
                small.peer(SKERNEL_VM, "power on, boot skernel, run hello, power off")));
    }

    // ---- 2. memory ---------------------------------------------------------------------------------------------------

    /**
     * Idle containers ({@code idle}, asleep in nanosleep) started until the kernel refuses one, and VMs powered on
     * until the monitor refuses to overcommit; the bytes each took is what the host had less once it was running.
     */
    public List<Density> density() {
        List<Density> rows = new ArrayList<>();
        ContainerHost containers = ContainerHost.create(densityMiB, engine);
        long empty = containers.memoryInUse();
        List<Growth> growth = new ArrayList<Growth>();
        int fitted = 0;
        try {
            while (fitted < 100_000) {
                containers.run("corpus", new RunOptions().detach(), "idle");
                fitted++;
                if (fitted % 100 == 0) {
                    containers.advance(Duration.ofMillis(1)); // each runs into its sleep: the memory it really uses
                    growth.add(new Growth(fitted, containers.memoryInUse() - empty));
                }
            }
        } catch (ContainerException e) {
            // the kernel refused the next one: guest RAM is full
        }
        containers.advance(Duration.ofMillis(5));
        long running = containers.containers().stream().filter(Container::running).count();
        long used = containers.memoryInUse() - empty;
        growth.add(new Growth(fitted, used));
        rows.add(new Density(CONTAINER + " (idle)", used / Math.max(1, fitted), fitted,
                String.format("started until the kernel refused one; %,d still running; %,d text pages shared",
                        running, containers.os().sharedText().hits()), List.copyOf(growth)));
        rows.add(vmDensity(SKERNEL_VM_RAM, "VM: skernel, " + (SKERNEL_VM_RAM >> 20) + " MiB"));
        rows.add(vmDensity(LABOS_VM_RAM, "VM: labOS, " + (LABOS_VM_RAM >> 20) + " MiB"));
        return rows;
    }

    private Density vmDensity(int ram, String name) {
        Hypervisor monitor = Hypervisor.typeOne(densityMiB << 20);
        long free = monitor.freeHostMemory();
        List<Growth> growth = new ArrayList<Growth>();
        int fitted = 0;
        String refusal = "";
        try {
            while (fitted < 1000) {
                monitor.create("vm" + fitted, ram, GuestBoot.kernel(GuestKernels.skernel())).start();
                fitted++;
                growth.add(new Growth(fitted, free - monitor.freeHostMemory()));
            }
        } catch (IllegalStateException e) {
            refusal = e.getMessage();
        }
        long each = fitted == 0 ? ram + (long) Hypervisor.SHADOW_FRAMES * 4096 : (free - monitor.freeHostMemory()) / fitted;
        return new Density(name, each, fitted, "powered on until refused: " + refusal, List.copyOf(growth));
    }

    // ---- 3. CPU overhead ------------------------------------------------------------------------------------------------

    /** fib as a process, in a container, in a VM: a long run minus a short one. */
    public Comparison cpuOverhead() {
        return difference("3. CPU overhead", "fib", Integer.toString(fibArgument), "2", 1,
                "fib " + fibArgument + " minus fib 2: the program's own work, start-up and boot cancelled out");
    }

    // ---- 4. system calls ----------------------------------------------------------------------------------------------

    /** One write of {@code syscalls}, natively, in a container, in a trap-and-emulate VM: (long - short) / writes. */
    public Comparison systemCallCost() {
        return difference("4. system-call cost, per write", "syscalls", Integer.toString(WRITES), "0", WRITES,
                "(syscalls " + WRITES + " minus syscalls 0) / " + WRITES + ": one one-byte write(1, ...)");
    }

    private Comparison difference(String title, String program, String longArgument, String shortArgument, int per,
                                  String what) {
        ContainerHost containers = ContainerHost.create(TIMED_CONTAINER_HOST_MIB, engine);
        HostOs kernel = containers.os();
        Elf elf = GuestKernels.corpusProgram(program);
        Hypervisor monitor = Hypervisor.typeOne(SKERNEL_VM_RAM + (2 << 20));
        Engine vmEngine = engine.get();
        GuestVm longVm = monitor.create("long", SKERNEL_VM_RAM,
                GuestBoot.kernelRunning(GuestKernels.skernel(), elf, longArgument));
        GuestVm shortVm = monitor.create("short", SKERNEL_VM_RAM,
                GuestBoot.kernelRunning(GuestKernels.skernel(), elf, shortArgument));
        Runs[] process = {new Runs(), new Runs()}, container = {new Runs(), new Runs()};
        Runs[] vm = {new Runs(), new Runs()};
        long[] calls = new long[2], exits = new long[2];
        String[] arguments = {longArgument, shortArgument};
        for (int k = -warmups; k < repeats; k++) {
            boolean keep = k >= 0;
            for (int size = 0; size < 2; size++) {
                String argument = arguments[size];
                long before = kernel.account().systemCalls();
                process[size].time(keep, () -> plainRun(kernel, elf, List.of(program, argument)).cpuCycles());
                calls[size] = kernel.account().systemCalls() - before;
                container[size].time(keep, () -> {
                    Container c = containers.run("corpus", new RunOptions().timeout(Duration.ofSeconds(600)),
                            program, argument);
                    check(c.exitCode() == 0, program + " " + argument + " in a container: " + c.status());
                    return c.init().cpuCycles();
                });
                containers.rm(containers.containers().get(0).id(), true);
                GuestVm guest = size == 0 ? longVm : shortVm;
                long exitsBefore = guest.exitCount();
                vm[size].time(keep, () -> runToPowerOff(monitor, vmEngine, guest));
                exits[size] = guest.exitCount() - exitsBefore;
            }
        }
        return new Comparison(title, what + "; medians of " + repeats + " after " + warmups + " warm-up runs; host CPU "
                + "time of this thread; simulated cycles: instructions plus assumed kernel or exit costs", List.of(
                difference(PROCESS, process, per, counted(calls[0] - calls[1], per, "system calls")),
                difference(CONTAINER, container, per, "the same system calls, on the same kernel"),
                difference(TRAP_AND_EMULATE_VM, vm, per, counted(exits[0] - exits[1], per, "exits"))));
    }

    /** "13.02 exits each" for a figure per call, "27 exits in all" for a whole run. */
    static String counted(long count, int per, String what) {
        return per == 1 ? String.format("%,d %s in all", count, what)
                : String.format("%.2f %s each", (double) count / per, what);
    }

    private static Peer difference(String name, Runs[] longAndShort, int per, String detail) {
        return new Peer(name, (longAndShort[0].medianCpu() - longAndShort[1].medianCpu()) / 1e6 / per,
                (longAndShort[0].cycles - longAndShort[1].cycles) / per, detail);
    }

    // ---- 5. everything ------------------------------------------------------------------------------------------------

    /** Every comparison, as the command line prints it. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("containers against VMs: %s, JDK %s, %d cores, load average %.2f, engine %s for "
                        + "every peer%n%n", System.getProperty("os.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), engineName()));
        out.append(startTime().report()).append('\n');
        out.append(densityReport(density())).append('\n');
        out.append(cpuOverhead().report()).append('\n');
        out.append(systemCallCost().report());
        return out.toString();
    }

    public String densityReport(List<Density> rows) {
        StringBuilder out = new StringBuilder("2. memory per instance, and how many fit in " + densityMiB
                + " MiB of RAM (counted, not timed)\n");
        for (Density d : rows) {
            out.append(String.format("   %-32s %,12d bytes each (%,.1f KiB) %,7d fit   %s%n", d.name(), d.bytesEach(),
                    d.bytesEach() / 1024.0, d.fitted(), d.how()));
        }
        return out.toString();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /** A process of the host (a tmpfs as its "/", so that it can do the same file work a container does), to its end. */
    private static Task plainRun(HostOs kernel, Elf elf, List<String> argv) {
        LinuxProcess.Setup setup = new LinuxProcess.Setup(kernel.hostNamespaces().withMounts(
                new MountTable().mount("/", new MemoryTree(), false)), kernel.rootGroup(), null, "/");
        Task task = kernel.spawn("bench", elf, argv, Map.of(), setup, null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        kernel.runWhile(() -> task.state() != TaskState.FINISHED, 1_000_000, BUDGET);
        check(task.state() == TaskState.FINISHED && task.exitStatus() == 0, String.join(" ", argv) + " as a process: "
                + task.endReason());
        return task;
    }

    /** Powers the VM on, runs it until it powers off; its simulated cycles (guest instructions and exit costs). */
    private static long runToPowerOff(Hypervisor monitor, Engine engine, GuestVm vm) {
        long before = vmCycles(vm);
        vm.start();
        monitor.runUntilStopped(engine, vm, BUDGET);
        check(vm.state() == VmState.OFF, "VM " + vm.name() + " did not power off: " + vm.stopReason());
        return vmCycles(vm) - before;
    }

    /** A VM's simulated CPU cycles so far: its own instructions and the assumed cycles of its exits. */
    private static long vmCycles(GuestVm vm) {
        return vm.guestInstructions() + vm.exitCycles();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark run failed: " + what);
        }
    }

    /** The measured runs of one peer: host CPU time of each, and the simulated cycles of the last. */
    private static final class Runs {
        private final List<Long> cpu = new ArrayList<>();
        private long cycles;

        void time(boolean keep, LongSupplier run) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            long simulated = run.getAsLong();
            long t1 = THREADS.getCurrentThreadCpuTime();
            if (keep) {
                cpu.add(t1 - t0);
                cycles = simulated;
            }
        }

        double medianCpu() {
            long[] sorted = cpu.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        Peer peer(String name, String detail) {
            return new Peer(name, medianCpu() / 1e6, cycles, detail);
        }
    }
}
