package vmlab.measure;

import java.util.function.Supplier;
import vmlab.engine.Engine;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestExecution;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.VmState;

/**
 * The guest program as skernel's user task in a Type-1 VM: each run powers the VM on (skernel boots, turns on paging,
 * loads the program), runs the program and powers off. The monitor is fresh for every run, so no console or memory
 * carries over. Its output is what the program printed, cut from skernel's console between the kernel's own lines.
 */
final class VmRung implements Rung {
    static final int GUEST_RAM = 8 << 20;
    /** skernel's lines around its user task's output. */
    static final String TASK_STARTS = "skernel: running the program the loader placed\n", TASK_ENDS = "skernel: user task exited";

    private final String name;
    private final Supplier<GuestExecution> execution;
    private final Supplier<Engine> engine;

    VmRung(String name, Supplier<GuestExecution> execution, Supplier<Engine> engine) {
        this.name = name;
        this.execution = execution;
        this.engine = engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String runsOn() {
        return "the " + engine.get().name() + ", skernel under the Type-1 monitor, " + execution.get().name();
    }

    @Override
    public Prepared prepare(LadderWorkload workload) {
        Hypervisor monitor = Hypervisor.typeOne(GUEST_RAM + (2 << 20));
        GuestBoot boot = GuestBoot.kernelRunning(GuestKernels.skernel(), GuestKernels.corpusProgram(workload.program()),
                workload.arguments().toArray(new String[0]));
        GuestVm vm = monitor.create("ladder", GUEST_RAM, boot, execution.get());
        Engine hardware = engine.get();
        return () -> {
            vm.start();
            monitor.runUntilStopped(hardware, vm, 20_000_000_000L);
            if (vm.state() != VmState.OFF) {
                throw new IllegalStateException(workload.command() + " did not finish in the VM: " + vm.stopReason());
            }
            return new Outcome(userOutput(vm.console()), vm.exitStatus(), vm.guestInstructions());
        };
    }

    /** The user task's output: the console between skernel's two lines around it (all of it if they are missing). */
    static String userOutput(String console) {
        int start = console.indexOf(TASK_STARTS);
        int end = console.lastIndexOf(TASK_ENDS);
        if (start < 0 || end < start) {
            return console;
        }
        return console.substring(start + TASK_STARTS.length(), end);
    }
}
