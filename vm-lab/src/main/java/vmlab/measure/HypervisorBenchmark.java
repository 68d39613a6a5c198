package vmlab.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.hypervisor.ExitCosts;
import vmlab.hypervisor.ExitReason;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestExecution;
import vmlab.hypervisor.HardwareAssisted;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.JavaFirmware;
import vmlab.hypervisor.TrapAndEmulate;
import vmlab.hypervisor.VmState;
import vmlab.isa.Assembler;
import vmlab.isa.Image;
import vmlab.machine.Elf;
import vmlab.machine.Machine;
import vmlab.os.ProgressListener;

/**
 * What trap-and-emulate and hardware assistance cost: the same guest (skernel running a user program) bare, in real
 * S-mode under firmware; deprivileged under the Type-1 monitor (trap-and-emulate); and in VS/VU-mode with the H
 * extension (assisted); on the same engine in the same run. Per workload it reports host wall and CPU
 * time (measured, medians after warm-up, the three configurations taking turns), simulated cycles (guest instructions plus the assumed cycles of
 * {@link ExitCosts} for every exit, and of firmware calls when bare), guest instructions, and exits by reason.
 *
 * <p>Workloads: {@code cpu}, a corpus program doing user-mode arithmetic (fib) with hardly any exits;
 * {@code syscall}, a user loop of system calls, each of which the guest kernel serves (two exits under the monitor:
 * the ecall passed on, and the guest kernel's sret, plus its CSR reads).
 */
public final class HypervisorBenchmark {
    /** A guest program that makes {@code SYSCALLS} getpid calls (skernel answers ENOSYS: a full round trip each). */
    static final int SYSCALLS = 20_000;
    static final int GUEST_RAM = 8 << 20;

    private final int warmups;
    private final int repeats;
    private final int fibArgument;
    private final Engine engine = new BlockCompiler();

    private HypervisorBenchmark(int warmups, int repeats, int fibArgument) {
        this.warmups = warmups;
        this.repeats = repeats;
        this.fibArgument = fibArgument;
    }

    public static HypervisorBenchmark full() {
        return new HypervisorBenchmark(3, 11, 32);
    }

    public static HypervisorBenchmark quick() {
        return new HypervisorBenchmark(1, 3, 24);
    }

    /** One measured configuration of one workload. */
    public record Row(String workload, String configuration, double wallSeconds, double cpuSeconds,
                      long guestInstructions, long simulatedCycles, long exits, Map<ExitReason, Long> exitsByReason,
                      String console) {
        public double exitsPerSecond() {
            return exits / cpuSeconds;
        }
    }

    public List<Row> run(ProgressListener progress) {
        List<Row> rows = new ArrayList<>();
        String[][] workloads = {{"cpu", "fib " + fibArgument}, {"syscall", SYSCALLS + " getpid calls"}};
        String[] configurations = {"bare (S-mode, Java firmware)", "Type-1, trap-and-emulate",
                "Type-1, assisted (H extension)"};
        int step = 0, steps = workloads.length * (warmups + repeats);
        for (String[] w : workloads) {
            GuestBoot boot = w[0].equals("cpu")
                    ? GuestBoot.kernelRunning(GuestKernels.skernel(), GuestKernels.corpusProgram("fib"),
                            Integer.toString(fibArgument))
                    : GuestBoot.kernelRunning(GuestKernels.skernel(), syscallLoop());
            List<Supplier<Outcome>> runs = List.of(() -> bare(boot), () -> virtualized(boot, new TrapAndEmulate()),
                    () -> virtualized(boot, new HardwareAssisted()));
            Timings[] timings = new Timings[runs.size()];
            for (int c = 0; c < runs.size(); c++) {
                timings[c] = new Timings(repeats);
            }
            // Round by round, every configuration once per round, each round starting with the next one. Run in blocks, a
            // configuration inherited whatever slow phase the host JVM was in (fresh heap pages faulting in, mostly),
            // which once made assisted look 1.33x bare: docs/benchmarks.md, "Why assisted fib looked slower".
            for (int round = 0; round < warmups + repeats; round++) {
                progress.progress(step++, steps, w[0] + (round < warmups ? " warm-up " + (round + 1)
                        : " round " + (round - warmups + 1)));
                for (int k = 0; k < runs.size(); k++) {
                    int c = (round + k) % runs.size();
                    if (round < warmups) {
                        runs.get(c).get();
                    } else {
                        timings[c].measure(runs.get(c));
                    }
                }
            }
            for (int c = 0; c < runs.size(); c++) {
                rows.add(timings[c].row(w[0] + " (" + w[1] + ")", configurations[c]));
            }
        }
        return rows;
    }

    /** The syscall loop, assembled for the user region. */
    static Elf syscallLoop() {
        Image image = Assembler.assemble("sysloop", """
                _start:
                    li   s0, %d
                1:  li   a7, 172
                    ecall
                    addi s0, s0, -1
                    bnez s0, 1b
                    li   a7, 64
                    li   a0, 1
                    la   a1, message
                    li   a2, 23
                    ecall
                    li   a7, 93
                    li   a0, 0
                    ecall
                message: .ascii "sysloop: calls all made\\n"
                """.formatted(SYSCALLS), 0x10000).image();
        return new Elf(image, 0, 0, 0);
    }

    /** The figures of one run, before timing: what the guest did. */
    private record Outcome(long instructions, long cycles, long exits, Map<ExitReason, Long> byReason, String console) {
    }

    /** One configuration's measured runs: host wall and CPU time of each, and what the last one did. */
    private static final class Timings {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final double[] walls, cpus;
        private int count;
        private Outcome last;

        Timings(int repeats) {
            walls = new double[repeats];
            cpus = new double[repeats];
        }

        void measure(Supplier<Outcome> run) {
            long cpu0 = THREADS.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
            last = run.get();
            walls[count] = (System.nanoTime() - wall0) / 1e9;
            cpus[count] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            count++;
        }

        Row row(String workload, String configuration) {
            return new Row(workload, configuration, median(walls), median(cpus), last.instructions(), last.cycles(),
                    last.exits(), last.byReason(), last.console());
        }
    }

    private Outcome bare(GuestBoot boot) {
        Machine machine = new Machine(GUEST_RAM);
        JavaFirmware firmware = JavaFirmware.boot(machine, boot, ExitCosts.DEFAULT);
        engine.run(machine, 10_000_000_000L);
        if (machine.exitCode() != 0) {
            throw new IllegalStateException("the bare guest failed: " + machine.exitReason());
        }
        return new Outcome(machine.hart.minstret, machine.clint.mtime(), firmware.sbiCalls(), Map.of(),
                machine.uart.output());
    }

    private Outcome virtualized(GuestBoot boot, GuestExecution execution) {
        Hypervisor hypervisor = Hypervisor.typeOne(GUEST_RAM + (2 << 20));
        GuestVm vm = hypervisor.create("bench", GUEST_RAM, boot, execution).start();
        hypervisor.runUntilStopped(engine, vm, 10_000_000_000L);
        if (vm.state() != VmState.OFF || vm.exitStatus() != 0) {
            throw new IllegalStateException("the guest failed under the monitor: " + vm.stopReason());
        }
        return new Outcome(vm.guestInstructions(), hypervisor.machine().clint.mtime(), vm.exitCount(), vm.exits(),
                vm.console());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The report: a line per row, then each workload's slowdowns and the 1.2x target for CPU-bound work. */
    public static String report(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-30s %-30s %10s %10s %14s %14s %9s %12s%n", "workload", "configuration",
                "wall ms", "CPU ms", "guest instr.", "sim. cycles", "exits", "exits/CPU s"));
        for (Row r : rows) {
            out.append(String.format("%-30s %-30s %10.1f %10.1f %,14d %,14d %,9d %,12.0f%n", r.workload(),
                    r.configuration(), r.wallSeconds() * 1e3, r.cpuSeconds() * 1e3, r.guestInstructions(),
                    r.simulatedCycles(), r.exits(), r.exitsPerSecond()));
        }
        out.append(System.lineSeparator());
        for (int k = 0; k + 2 < rows.size(); k += 3) { // bare, trap-and-emulate, assisted
            Row bare = rows.get(k);
            for (Row vmm : List.of(rows.get(k + 1), rows.get(k + 2))) {
                boolean same = bare.console().equals(vmm.console());
                out.append(String.format("%s, %s: slowdown %.2fx wall, %.2fx CPU (measured); %.2fx simulated "
                        + "cycles (assumed exit costs); transcript %s%n", bare.workload(), vmm.configuration(),
                        vmm.wallSeconds() / bare.wallSeconds(), vmm.cpuSeconds() / bare.cpuSeconds(),
                        (double) vmm.simulatedCycles() / bare.simulatedCycles(), same ? "identical to bare" : "DIFFERS"));
                StringBuilder reasons = new StringBuilder();
                vmm.exitsByReason().forEach((reason, count) -> {
                    if (count > 0) {
                        reasons.append(String.format(" %s %,d;", reason.label(), count));
                    }
                });
                out.append("  exits by reason:").append(reasons).append(System.lineSeparator());
            }
            Row emulated = rows.get(k + 1), assisted = rows.get(k + 2);
            out.append(String.format("  assisted takes %.1fx fewer exits than trap-and-emulate (%,d against %,d)%n",
                    (double) emulated.exits() / Math.max(1, assisted.exits()), assisted.exits(), emulated.exits()));
        }
        Row cpuBare = rows.get(0), cpuVmm = rows.get(1);
        double slowdown = cpuVmm.cpuSeconds() / cpuBare.cpuSeconds();
        out.append(String.format("target: CPU-bound user work within 1.2x of bare on the block compiler: %.2fx CPU "
                + "time, %s%n", slowdown, slowdown <= 1.2 ? "met" : "MISSED"));
        return out.toString();
    }
}
