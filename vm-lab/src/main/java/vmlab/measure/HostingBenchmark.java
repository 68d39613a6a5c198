package vmlab.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.HostedVmm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.VmState;
import vmlab.machine.Machine;
import vmlab.os.CpuClock;
import vmlab.os.HostOs;
import vmlab.os.ProgressListener;

/**
 * Where the monitor lives, and what its devices cost, in the same run on the block compiler:
 * <ul>
 *   <li><b>Type-1 against Type-2</b>: the same guest under the monitor that is the machine's trap handler, and under
 *       the monitor that is a process of the lab's host OS ({@link HostedVmm}); an I/O-bound guest (iokernel moving
 *       64 KiB to its virtio disk and back) and a CPU-bound one (skernel running fib). Per row: host wall and CPU time
 *       (measured, medians after warm-up), guest instructions, exits, host system calls (Type-2's disk and its
 *       crossings from the guest up to the VMM process), simulated cycles (assumed costs: {@code ExitCosts} for
 *       exits, {@code OsCosts} for the host kernel's work) and the VMM's CPU cycles as the host accounts them.</li>
 *   <li><b>Emulated against paravirtual I/O</b>: iokernel moving the same 64 KiB each way through a fully emulated
 *       disk ({@code PioDisk}) and through virtio-blk, two VMs on one Type-1 host: I/O exits per KiB moved.</li>
 * </ul>
 */
public final class HostingBenchmark {
    static final int GUEST_RAM = 8 << 20;
    private static final double KIB_MOVED = 128; // 64 KiB out and 64 KiB back

    private final int warmups;
    private final int repeats;
    private final int fibArgument;
    private final Engine engine = new BlockCompiler();
    private final Path scratch;

    private HostingBenchmark(int warmups, int repeats, int fibArgument) {
        this.warmups = warmups;
        this.repeats = repeats;
        this.fibArgument = fibArgument;
        try {
            this.scratch = Files.createTempDirectory("vmlab-hosting");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the benchmark's disk images", e);
        }
    }

    public static HostingBenchmark full() {
        return new HostingBenchmark(3, 7, 30);
    }

    public static HostingBenchmark quick() {
        return new HostingBenchmark(1, 3, 24);
    }

    /** One measured configuration. */
    public record Row(String workload, String configuration, double wallSeconds, double cpuSeconds,
                      long guestInstructions, long exits, long ioExits, long hostSystemCalls, long simulatedCycles,
                      long vmmCpuCycles, String console) {
    }

    /** The figures of one run, before timing. */
    private record Outcome(long instructions, long exits, long ioExits, long hostCalls, long cycles, long vmmCycles,
                           String console) {
    }

    public List<Row> run(ProgressListener progress) {
        List<Row> rows = new ArrayList<>();
        GuestBoot io = GuestBoot.kernel(GuestKernels.ioKernel());
        GuestBoot cpu = GuestBoot.kernelRunning(GuestKernels.skernel(), GuestKernels.corpusProgram("fib"),
                Integer.toString(fibArgument));
        String ioName = "I/O (iokernel, virtio, 64 KiB each way)", cpuName = "CPU (skernel, fib " + fibArgument + ")";
        progress.progress(0, 7, "I/O, Type-1");
        rows.add(measure(ioName, "Type-1", () -> typeOne(io, true)));
        progress.progress(1, 7, "I/O, Type-2");
        rows.add(measure(ioName, "Type-2", () -> typeTwo(io, true)));
        progress.progress(2, 7, "CPU, Type-1");
        rows.add(measure(cpuName, "Type-1", () -> typeOne(cpu, false)));
        progress.progress(3, 7, "CPU, Type-2");
        rows.add(measure(cpuName, "Type-2", () -> typeTwo(cpu, false)));
        progress.progress(4, 7, "emulated disk");
        rows.add(measure("64 KiB each way", "emulated disk (PIO)", () -> typeOneDevice(false)));
        progress.progress(5, 7, "virtio disk");
        rows.add(measure("64 KiB each way", "virtio-blk", () -> typeOneDevice(true)));
        progress.progress(6, 7, "emulated disk, Type-2");
        rows.add(measure("64 KiB each way", "emulated, Type-2", () -> typeTwo(io, false, true)));
        return rows;
    }

    private Path freshDisk() {
        try {
            Path image = Files.createTempFile(scratch, "disk", ".img");
            Files.write(image, new byte[128 << 10]);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a disk image in " + scratch, e);
        }
    }

    private Outcome typeOne(GuestBoot boot, boolean disk) {
        Hypervisor host = Hypervisor.typeOne(GUEST_RAM + (2 << 20));
        GuestVm vm = host.create("bench", GUEST_RAM, boot);
        if (disk) {
            vm.disk(freshDisk());
        }
        vm.start();
        host.runUntilStopped(engine, vm, 10_000_000_000L);
        check(vm);
        return new Outcome(vm.guestInstructions(), vm.exitCount(), vm.ioExits(), 0, host.machine().clint.mtime(),
                vm.guestInstructions() + vm.exitCycles(), vm.console());
    }

    private Outcome typeTwo(GuestBoot boot, boolean disk) {
        return typeTwo(boot, disk, false);
    }

    private Outcome typeTwo(GuestBoot boot, boolean disk, boolean emulatedDisk) {
        HostOs host = new HostOs(new Machine(GUEST_RAM + (4 << 20)), engine, new CpuClock(10_000_000))
                .quantum(1_000_000);
        long start = host.now();
        HostedVmm vmm = HostedVmm.start(host, "bench", GUEST_RAM, boot, disk ? freshDisk() : null);
        GuestVm vm = vmm.vm();
        if (emulatedDisk) {
            vm.emulatedDisk(256);
        }
        vm.start();
        host.runWhile(() -> vm.state() == VmState.RUNNING, 10_000_000, 10_000_000_000L);
        check(vm);
        // until the VMM process ended with its VM (the host then idles to the end of the step); the VMM's CPU time is
        // what the host accounted to its process (guest instructions, system calls) plus the monitor's exit work
        return new Outcome(vm.guestInstructions(), vm.exitCount(), vm.ioExits(), host.account().systemCalls(),
                vmm.task().finishedAt() - start, vmm.task().cpuCycles() + vm.exitCycles(), vm.console());
    }

    /** Two VMs on one host in the same run would mix their CPU time; each device gets its own run instead. */
    private Outcome typeOneDevice(boolean virtio) {
        Hypervisor host = Hypervisor.typeOne(GUEST_RAM + (2 << 20));
        GuestVm vm = host.create(virtio ? "virtio" : "pio", GUEST_RAM, GuestBoot.kernel(GuestKernels.ioKernel()));
        if (virtio) {
            vm.disk(freshDisk());
        } else {
            vm.emulatedDisk(256);
        }
        vm.start();
        host.runUntilStopped(engine, vm, 10_000_000_000L);
        check(vm);
        return new Outcome(vm.guestInstructions(), vm.exitCount(), vm.ioExits(), 0, host.machine().clint.mtime(),
                vm.guestInstructions() + vm.exitCycles(), vm.console());
    }

    private static void check(GuestVm vm) {
        if (vm.state() != VmState.OFF || vm.exitStatus() != 0 || vm.console().contains("differs")
                || vm.console().contains("error")) {
            throw new IllegalStateException("the guest failed: " + vm.stopReason() + "\n" + vm.console());
        }
    }

    private Row measure(String workload, String configuration, Supplier<Outcome> run) {
        for (int k = 0; k < warmups; k++) {
            run.get();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] walls = new double[repeats], cpus = new double[repeats];
        Outcome last = null;
        for (int k = 0; k < repeats; k++) {
            long cpu0 = threads.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
            last = run.get();
            walls[k] = (System.nanoTime() - wall0) / 1e9;
            cpus[k] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        }
        return new Row(workload, configuration, HypervisorBenchmark.median(walls), HypervisorBenchmark.median(cpus),
                last.instructions(), last.exits(), last.ioExits(), last.hostCalls(), last.cycles(), last.vmmCycles(),
                last.console());
    }

    public static String report(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-40s %-20s %9s %9s %13s %8s %8s %10s %13s %13s%n", "workload", "configuration",
                "wall ms", "CPU ms", "guest instr.", "exits", "I/O exits", "host calls", "sim. cycles",
                "VMM CPU cyc."));
        for (Row r : rows) {
            out.append(String.format("%-40s %-20s %9.1f %9.1f %,13d %,8d %,8d %,10d %,13d %,13d%n", r.workload(),
                    r.configuration(), r.wallSeconds() * 1e3, r.cpuSeconds() * 1e3, r.guestInstructions(), r.exits(),
                    r.ioExits(), r.hostSystemCalls(), r.simulatedCycles(), r.vmmCpuCycles()));
        }
        out.append(System.lineSeparator());
        for (int k = 0; k + 1 < 4 && k + 1 < rows.size(); k += 2) {
            Row one = rows.get(k), two = rows.get(k + 1);
            out.append(String.format("%s: Type-2/Type-1 %.2fx simulated cycles (assumed costs), %.2fx CPU time "
                    + "(measured); %,d host system calls; transcripts %s%n", one.workload(),
                    (double) two.simulatedCycles() / one.simulatedCycles(), two.cpuSeconds() / one.cpuSeconds(),
                    two.hostSystemCalls(), one.console().equals(two.console()) ? "identical" : "DIFFER"));
        }
        if (rows.size() >= 7) {
            Row pio = rows.get(4), virtio = rows.get(5), pioTwo = rows.get(6);
            out.append(String.format("I/O exits per KiB moved (%.0f KiB): emulated disk %.1f, virtio %.2f: %.0fx fewer "
                    + "with virtio%n", KIB_MOVED, pio.ioExits() / KIB_MOVED, virtio.ioExits() / KIB_MOVED,
                    (double) pio.ioExits() / Math.max(1, virtio.ioExits())));
            out.append(String.format("emulated disk, Type-2/Type-1: %.2fx simulated cycles (assumed costs), %.2fx CPU "
                    + "time (measured); %,d host system calls, %.1f simulated cycles per I/O exit more%n",
                    (double) pioTwo.simulatedCycles() / pio.simulatedCycles(), pioTwo.cpuSeconds() / pio.cpuSeconds(),
                    pioTwo.hostSystemCalls(), (double) (pioTwo.simulatedCycles() - pio.simulatedCycles())
                            / Math.max(1, pio.ioExits())));
        }
        return out.toString();
    }
}
