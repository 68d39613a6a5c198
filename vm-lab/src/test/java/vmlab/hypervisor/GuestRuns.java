package vmlab.hypervisor;

import java.util.List;
import java.util.Map;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.isa.Assembler;
import vmlab.machine.Elf;
import vmlab.machine.Machine;

/** Runs a guest bare (under {@link JavaFirmware}) or under the monitor, for the tests to compare. */
final class GuestRuns {
    static final int GUEST_RAM = 8 << 20;
    static final long BUDGET = 200_000_000;

    private GuestRuns() {
    }

    static List<Engine> engines() {
        return List.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler());
    }

    /** The guest in real S-mode on a machine of its own; returns the machine after it stopped. */
    static Machine bare(Engine engine, GuestBoot boot) {
        Machine machine = new Machine(GUEST_RAM);
        JavaFirmware.boot(machine, boot, ExitCosts.DEFAULT);
        engine.run(machine, BUDGET);
        return machine;
    }

    /** The guest alone under a monitor; returns the VM after it stopped. */
    static GuestVm virtualized(Engine engine, GuestBoot boot) {
        Hypervisor hypervisor = Hypervisor.typeOne(GUEST_RAM + (2 << 20));
        GuestVm vm = hypervisor.create("guest", GUEST_RAM, boot).start();
        hypervisor.runUntilStopped(engine, vm, BUDGET);
        return vm;
    }

    static GuestBoot skernel() {
        return GuestBoot.kernel(GuestKernels.skernel());
    }

    /** A kernel assembled from {@code source} (linked at RAM's base). */
    static GuestBoot assembledKernel(String name, String source) {
        var image = Assembler.assemble(source).image();
        return GuestBoot.kernel(new Elf(new vmlab.isa.Image(name, image.segments(), image.entry(), Map.of()), 0, 0, 0));
    }
}
