package vmlab.measure;

import java.util.function.Supplier;
import vmlab.engine.Engine;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.HostedVmm;
import vmlab.hypervisor.VmState;
import vmlab.machine.Machine;
import vmlab.os.CpuClock;
import vmlab.os.HostOs;

/**
 * The guest program as skernel's user task in a Type-2 VM: the same guest as {@link VmRung}'s, but the monitor is a
 * VMM process ({@link HostedVmm}) of the lab's host OS, scheduled by the host kernel, its timer the host's alarms and
 * every device access a crossing up to the VMM process and back. Each run starts the VMM process, powers the VM on
 * (skernel boots and runs the program) and runs the host until the VM is off; the host is fresh for every run.
 */
final class TypeTwoRung implements Rung {
    /** Room on the host for the VM's RAM and shadow tables, plus the host kernel's own frames. */
    private static final int HOST_RAM = VmRung.GUEST_RAM + (4 << 20);
    /** The host's time slice and its simulated clock, as {@link HostingBenchmark}'s Type-2 host has them. */
    private static final long QUANTUM = 1_000_000, CLOCK_HZ = 10_000_000;

    private final Supplier<Engine> engine;

    TypeTwoRung(Supplier<Engine> engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "Type-2 VM, trap-and-emulate";
    }

    @Override
    public String runsOn() {
        return "the " + engine.get().name() + ", skernel deprivileged under a VMM process of the lab's host OS";
    }

    @Override
    public HostedRun prepare(LadderWorkload workload) {
        HostOs host = new HostOs(new Machine(HOST_RAM), engine.get(), new CpuClock(CLOCK_HZ)).quantum(QUANTUM);
        GuestBoot boot = GuestBoot.kernelRunning(GuestKernels.skernel(), GuestKernels.corpusProgram(workload.program()),
                workload.arguments().toArray(new String[0]));
        // starting the VMM process is preparing the host, like creating the Type-1 monitor; powering on is timed
        return new HostedRun(workload, HostedVmm.start(host, "ladder", VmRung.GUEST_RAM, boot, null));
    }

    /** One prepared run; it keeps its VMM so that a test can see the host's side of the run. */
    static final class HostedRun implements Prepared {
        private final LadderWorkload workload;
        private final HostedVmm vmm;

        HostedRun(LadderWorkload workload, HostedVmm vmm) {
            this.workload = workload;
            this.vmm = vmm;
        }

        HostedVmm vmm() {
            return vmm;
        }

        @Override
        public Outcome run() {
            GuestVm vm = vmm.vm();
            HostOs host = vmm.os();
            vm.start();
            host.runWhile(() -> vm.state() == VmState.RUNNING, 10_000_000, 20_000_000_000L);
            if (vm.state() != VmState.OFF) {
                throw new IllegalStateException(workload.command() + " did not finish in the Type-2 VM: "
                        + vm.stopReason());
            }
            return new Outcome(VmRung.userOutput(vm.console()), vm.exitStatus(), vm.guestInstructions());
        }
    }
}
