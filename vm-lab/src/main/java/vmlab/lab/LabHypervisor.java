package vmlab.lab;

import static vmlab.html.HtmlTable.cell;
import static vmlab.html.HtmlTable.header;
import static vmlab.html.HtmlTable.number;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.hypervisor.CsrUpdate;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestExecution;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.HardwareAssisted;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.TrapAndEmulate;

/**
 * Lesson 05's host: a Type-1 monitor (trap-and-emulate) on a lab machine, and the VMs it runs.
 * <pre>
 * var host = Lab.hypervisor();                 // 64 MiB host, the block compiler playing the hardware
 * var a = host.vm("a");                        // skernel and its built-in user task, 8 MiB of RAM
 * var b = host.vm("b", "fib", "25");           // skernel running a corpus program
 * a.start();                                   // power on and run until it powers off
 * a.console()  a.exits()                       // what it printed; its exits by reason
 * var os = host.labos("os").start();           // labOS, unmodified, waits at its shell prompt
 * var pc = host.labos("pc", "pc.img").start(); // labOS with its virtio disk, a host image file
 * os.type("help\n").console()
 * host                                         // every VM, its state, memory and exits
 * Lab.hypervisor().assisted().vm("c")          // the H extension: guest kernel in VS-mode, far fewer exits
 * </pre>
 */
public final class LabHypervisor implements VmHost {
    static final int DEFAULT_VM_RAM = 8 << 20;
    private final Hypervisor hypervisor;
    private final List<LabVm> vms = new ArrayList<>();
    private Engine engine = new BlockCompiler();
    private boolean assisted;

    LabHypervisor(int hostRamBytes) {
        this.hypervisor = Hypervisor.typeOne(hostRamBytes);
    }

    /**
     * VMs defined from now on run hardware-assisted (the H extension: the guest kernel in VS-mode, its CSR, sret and
     * sfence work without exits); {@link #trapAndEmulate()} goes back to the classic way for the next ones.
     */
    public LabHypervisor assisted() {
        this.assisted = true;
        return this;
    }

    /** VMs defined from now on run deprivileged, every privileged instruction emulated by the monitor (the default). */
    public LabHypervisor trapAndEmulate() {
        this.assisted = false;
        return this;
    }

    private GuestExecution execution() {
        return assisted ? new HardwareAssisted() : new TrapAndEmulate();
    }

    /** A VM running skernel's built-in user task (defined, not yet powered on). */
    public LabVm vm(String name) {
        return add(hypervisor.create(name, DEFAULT_VM_RAM, GuestBoot.kernel(GuestKernels.skernel()), execution()));
    }

    /** A VM running skernel with a corpus program as its user task. */
    public LabVm vm(String name, String program, String... args) {
        return add(hypervisor.create(name, DEFAULT_VM_RAM, GuestBoot.kernelRunning(GuestKernels.skernel(),
                GuestKernels.corpusProgram(program), args), execution()));
    }

    /**
     * A VM running skernel's built-in user task whose trapped CSR instructions compute the CSR's new value with
     * {@code rule} instead of the monitor's own: lesson 05's exercise, where the student writes that step.
     */
    public LabVm vmWithCsrRule(String name, CsrUpdate rule) {
        return add(hypervisor.create(name, DEFAULT_VM_RAM, GuestBoot.kernel(GuestKernels.skernel()),
                new TrapAndEmulate(rule)));
    }

    /**
     * labOS, unmodified, in a VM whose trapped CSR instructions compute the CSR's new value with {@code rule}: the
     * exercise's rule meets a real kernel, which touches its CSRs thousands of times while it boots. 16 MiB of RAM (labOS
     * reads its size from the device tree), so that it fits beside the exercise's other VMs in a grading kernel's heap.
     */
    public LabVm labosWithCsrRule(String name, CsrUpdate rule) {
        return add(hypervisor.create(name, 16 << 20, GuestBoot.kernel(GuestKernels.labos()), new TrapAndEmulate(rule)));
    }

    /** A VM running labOS, unmodified, with 32 MiB of RAM and no disk: it boots to its shell; {@code type} commands. */
    public LabVm labos(String name) {
        return add(hypervisor.create(name, 32 << 20, GuestBoot.kernel(GuestKernels.labos()), execution()));
    }

    /**
     * A VM running labOS with its disk: the host image file {@code diskImage} (a LabFS image; created with the course's
     * programs if it does not exist). The disk is written back when the VM powers off or is snapshotted, so a file the
     * guest wrote is there at the next power-on, on this host or another.
     */
    public LabVm labos(String name, String diskImage) {
        java.nio.file.Path disk = java.nio.file.Path.of(diskImage);
        if (!java.nio.file.Files.exists(disk)) {
            LabComputer.createDisk(disk);
        }
        return add(hypervisor.create(name, 32 << 20, GuestBoot.kernel(GuestKernels.labos()), execution()).disk(disk));
    }

    private LabVm add(GuestVm vm) {
        LabVm lab = new LabVm(this, vm);
        vms.add(lab);
        return lab;
    }

    /** The engine playing the hardware (the block compiler by default). */
    public LabHypervisor engine(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** The time slice each vCPU gets when others wait, in cycles. */
    public LabHypervisor slice(long cycles) {
        hypervisor.slice(cycles);
        return this;
    }

    /** Runs every powered-on VM until none can run (or a billion host instructions, or the notebook's stop button). */
    public LabHypervisor run() {
        long start = hypervisor.machine().hart.mcycle;
        while (hypervisor.machine().hart.mcycle - start < 1_000_000_000L) {
            var stop = hypervisor.run(engine, 1_000_000);
            if (stop == vmlab.engine.Stop.WAITING_FOREVER || stop == vmlab.engine.Stop.INTERRUPTED
                    || stop == vmlab.engine.Stop.EXITED) {
                break;
            }
        }
        return this;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public void run(GuestVm vm, long instructions) {
        hypervisor.run(engine, instructions);
    }

    @Override
    public void runUntilStopped(GuestVm vm) {
        hypervisor.runUntilStopped(engine, vm, LabVm.RUN_BUDGET);
    }

    public Hypervisor monitor() {
        return hypervisor;
    }

    public List<LabVm> vms() {
        return List.copyOf(vms);
    }

    /** One row per VM: state, RAM, guest instructions, exits, injected interrupts. */
    public Table table() {
        StringColumn name = StringColumn.create("VM"), state = StringColumn.create("state");
        IntColumn ram = IntColumn.create("RAM KiB");
        LongColumn instructions = LongColumn.create("guest instructions"), exits = LongColumn.create("exits");
        LongColumn cycles = LongColumn.create("exit cycles (assumed)");
        for (LabVm vm : vms) {
            GuestVm g = vm.guest();
            name.append(g.name());
            state.append(g.state().toString());
            ram.append(g.ramBytes() >> 10);
            instructions.append(g.guestInstructions());
            exits.append(g.exitCount());
            cycles.append(g.exitCycles());
        }
        return Table.create("VMs on the host", name, state, ram, instructions, exits, cycles);
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<div><b>Type-1 monitor</b> &middot; host RAM ")
                .append(hypervisor.machine().bus.ramSize >> 20).append(" MiB, ")
                .append(hypervisor.freeHostMemory() >> 10).append(" KiB free &middot; ").append(engine.name())
                .append(" as the hardware</div><table style=\"border-collapse:collapse\"><tr>");
        html.append(header("VM", false)).append(header("mode", false)).append(header("state", false))
                .append(header("RAM (MiB)", true)).append(header("guest instructions", true)).append(header("exits", true))
                .append(header("last console line", false));
        html.append("</tr>");
        for (LabVm vm : vms) {
            GuestVm g = vm.guest();
            html.append("<tr>").append(cell(g.name())).append(cell(g.executionName())).append(cell(g.state().toString()))
                    .append(number(Long.toString(g.ramBytes() >> 20))).append(number(String.format("%,d", g.guestInstructions())))
                    .append(number(String.format("%,d", g.exitCount()))).append(cell(LabVm.lastLine(g.console())))
                    .append("</tr>");
        }
        return html.append("</table>").toString();
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
