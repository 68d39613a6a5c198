package vmlab.lab;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.engine.BlockCompiler;
import vmlab.html.HtmlTable;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.HostedVmm;
import vmlab.machine.Machine;
import vmlab.os.CpuClock;
import vmlab.os.GuestCorpus;
import vmlab.os.HostOs;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * Lesson 05's Type-2 host: the lab's host OS ({@code vmlab.os}) on a machine of its own, where a VMM is one process
 * among others (one VM per VMM process, as QEMU does), its disk a file the host reads and writes for it.
 * <pre>
 * var hostOs = Lab.hostOs();                      // the host OS on a 64 MiB machine, the block compiler as the CPU
 * var os = hostOs.labos("os", "os.img").start();  // a VMM process running labOS with its disk
 * hostOs.run("loop", "3000000");                  // another host process, sharing the CPU with the VMM
 * os.type("ls\n").console();  os.exits();
 * hostOs                                          // its processes: the VMMs and the others, their CPU time
 * </pre>
 */
public final class LabHostOs implements VmHost {
    private static final long STEP = 1_000_000;
    private final HostOs kernel;
    private final List<HostedVmm> vmms = new ArrayList<>();

    LabHostOs(int ramBytes) {
        kernel = new HostOs(new Machine(ramBytes), new BlockCompiler(), new CpuClock(10_000_000)).quantum(STEP);
    }

    /** A VMM process running labOS (32 MiB) with the disk image {@code diskImage} (created if missing). */
    public LabVm labos(String name, String diskImage) {
        java.nio.file.Path disk = java.nio.file.Path.of(diskImage);
        if (!java.nio.file.Files.exists(disk)) {
            LabComputer.createDisk(disk);
        }
        return add(HostedVmm.start(kernel, name, 32 << 20, GuestBoot.kernel(GuestKernels.labos()), disk));
    }

    /** A VMM process running skernel with a corpus program as its user task (8 MiB, no disk). */
    public LabVm vm(String name, String program, String... args) {
        return add(HostedVmm.start(kernel, name, LabHypervisor.DEFAULT_VM_RAM, GuestBoot.kernelRunning(
                GuestKernels.skernel(), GuestKernels.corpusProgram(program), args), null));
    }

    private LabVm add(HostedVmm vmm) {
        vmms.add(vmm);
        return new LabVm(this, vmm.vm());
    }

    /** Starts a host process (a corpus program) next to the VMMs. */
    public Task run(String program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(List.of(args));
        return kernel.spawn("host", GuestCorpus.program(program), argv, null, new ByteArrayOutputStream());
    }

    /** Runs the host for {@code cycles} simulated cycles. */
    public LabHostOs runFor(long cycles) {
        kernel.runUntil(kernel.now() + cycles, vmlab.os.ProgressListener.NONE);
        return this;
    }

    public HostOs os() {
        return kernel;
    }

    public List<HostedVmm> vmms() {
        return List.copyOf(vmms);
    }

    private HostedVmm vmmOf(GuestVm vm) {
        return vmms.stream().filter(v -> v.vm() == vm).findFirst().orElseThrow();
    }

    @Override
    public void run(GuestVm vm, long instructions) {
        runFor(instructions);
    }

    @Override
    public void runUntilStopped(GuestVm vm) {
        HostedVmm vmm = vmmOf(vm);
        runFor(STEP / 100); // typed keys wake the VMM at the next timer interrupt
        kernel.runWhile(() -> vmm.task().state() != TaskState.FINISHED && !vmm.waitsForInput(), STEP,
                LabVm.RUN_BUDGET);
    }

    /** One row per host process: the VMMs and the others, with their state and CPU cycles. */
    public Table processes() {
        StringColumn name = StringColumn.create("process"), state = StringColumn.create("state");
        LongColumn pid = LongColumn.create("pid"), user = LongColumn.create("user cycles");
        LongColumn system = LongColumn.create("system cycles");
        for (Task t : kernel.tasks()) {
            pid.append(t.pid());
            name.append(t.name());
            state.append(t.state().toString());
            user.append(t.userCycles());
            system.append(t.systemCycles());
        }
        return Table.create("host processes", pid, name, state, user, system);
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<div><b>Type-2: VMMs as processes of the lab's host OS</b> &middot; ")
                .append(String.format("%,d host system calls", kernel.account().systemCalls()))
                .append("</div><table style=\"border-collapse:collapse\"><tr>");
        html.append(HtmlTable.header("pid", true)).append(HtmlTable.header("process", false))
                .append(HtmlTable.header("state", false)).append(HtmlTable.header("user cycles", true))
                .append(HtmlTable.header("system cycles", true));
        html.append("</tr>");
        for (Task t : kernel.tasks()) {
            html.append("<tr>").append(HtmlTable.number(Integer.toString(t.pid()))).append(HtmlTable.cell(t.name()))
                    .append(HtmlTable.cell(t.state().toString()))
                    .append(HtmlTable.number(String.format("%,d", t.userCycles())))
                    .append(HtmlTable.number(String.format("%,d", t.systemCycles()))).append("</tr>");
        }
        return html.append("</table>").toString();
    }

    @Override
    public String toString() {
        return processes().printAll();
    }
}
