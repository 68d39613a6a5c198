package vmlab.measure;

import java.util.function.Supplier;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.hypervisor.GuestExecution;
import vmlab.hypervisor.HardwareAssisted;
import vmlab.hypervisor.TrapAndEmulate;

/**
 * One rung of the overhead ladder: a way to run a {@link LadderWorkload}. Preparing builds a fresh host (a machine, a
 * container host, a monitor) and is not timed; the prepared run starts the environment (a process, a container, a VM's
 * boot) and runs the workload to its exit, and is timed.
 *
 * <p>The rungs that exist today are the factories below. A mode of the hypervisor is one line ({@link
 * #typeOneAssisted()} is {@code typeOne(name, HardwareAssisted::new)}); a VM that is hosted differently is one small class implementing this interface ({@link VmRung} for Type-1, {@link
 * TypeTwoRung} for Type-2).
 */
public interface Rung {
    /** Its name in tables and charts: "native Java", "container". */
    String name();

    /** What executes the work, in words: "HotSpot, straight on the host", "the block compiler". */
    String runsOn();

    /** Builds a fresh host for one run of {@code workload} (untimed). */
    Prepared prepare(LadderWorkload workload);

    /** A run ready to go: {@link #run} is the part that is timed. */
    interface Prepared {
        Outcome run();
    }

    /**
     * What one run did: what the program printed (the user program's own output, a guest kernel's messages left out), its
     * exit status, and the guest instructions retired (0 for native Java, which runs none).
     */
    record Outcome(String output, int exitStatus, long guestInstructions) {
    }

    /** The same algorithm in Java, run by HotSpot: the physical limit of this machine. */
    static Rung nativeJava() {
        return new NativeRung();
    }

    /** The program as a plain process on the lab's host kernel, the block compiler playing the hardware. */
    static Rung blockCompiler() {
        return new ProcessRung("block compiler", BlockCompiler::new);
    }

    /** The program as a plain process on the lab's host kernel, interpreted (lesson 03's emulator). */
    static Rung interpreter() {
        return new ProcessRung("interpreter", FastInterpreter::new);
    }

    /** The program in a container (namespaces, cgroup, overlay root) on the same kernel, on the block compiler. */
    static Rung container() {
        return new ContainerRung();
    }

    /** The program under skernel in a Type-1 VM, trap-and-emulate, on the block compiler. */
    static Rung typeOneTrapAndEmulate() {
        return typeOne("Type-1 VM, trap-and-emulate", TrapAndEmulate::new);
    }

    /** The program under skernel in a Type-1 VM, hardware-assisted (the H extension), on the block compiler. */
    static Rung typeOneAssisted() {
        return typeOne("Type-1 VM, assisted", HardwareAssisted::new);
    }

    /** The program under skernel in a Type-1 VM whose guest runs the way {@code execution} says, on the block compiler. */
    static Rung typeOne(String name, Supplier<GuestExecution> execution) {
        return new VmRung(name, execution, BlockCompiler::new);
    }

    /** The program under skernel in a Type-2 VM: the monitor a process of the lab's host OS, on the block compiler. */
    static Rung typeTwoTrapAndEmulate() {
        return new TypeTwoRung(BlockCompiler::new);
    }

    /** The rungs that exist today, in the order the lecture tells them. */
    static java.util.List<Rung> today() {
        return java.util.List.of(nativeJava(), container(), typeOneTrapAndEmulate(), typeOneAssisted(),
                typeTwoTrapAndEmulate(),
                blockCompiler(), interpreter());
    }

    /** Engine names for {@link #runsOn}. */
    static String engineName(Supplier<Engine> engine) {
        return engine.get().name();
    }
}
