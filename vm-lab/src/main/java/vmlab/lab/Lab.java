package vmlab.lab;

import vmlab.container.ContainerHost;
import vmlab.machine.Machine;
import vmlab.timesharing.TimeSharing;

/**
 * Where a notebook cell starts: the course's lab objects, one call each.
 * <pre>
 * var m = Lab.machine();            // RV32IMA, M/S/U modes, 64 MiB RAM, CLINT, UART, block device
 * m.load(Guest.program("fib")).run();
 * m.output()
 * </pre>
 */
public final class Lab {
    private Lab() {
    }

    /** A fresh lab machine with the default 64 MiB of RAM. */
    public static LabMachine machine() {
        return new LabMachine(Machine.DEFAULT_RAM_SIZE);
    }

    /** A fresh lab machine with {@code ramMiB} MiB of RAM. */
    public static LabMachine machine(int ramMiB) {
        if (ramMiB < 1 || ramMiB > 1024) {
            throw new IllegalArgumentException("RAM must be between 1 and 1024 MiB, not " + ramMiB);
        }
        return new LabMachine(ramMiB << 20);
    }

    /**
     * Lesson 01: a time-sharing computer with users at terminals, e.g.
     * {@code Lab.timeSharing().users(8).quantum(10_000).policy(Policy.ROUND_ROBIN).run(Duration.ofMinutes(5))}.
     */
    public static TimeSharing timeSharing() {
        return new TimeSharing();
    }

    /**
     * Lesson 06: a container host, the lab's Docker, on one kernel with 64 MiB of guest RAM and the corpus image, e.g.
     * {@code Lab.containers().run("corpus", new RunOptions().hostname("web"), "identity")}.
     */
    public static ContainerHost containers() {
        return ContainerHost.create();
    }

    /** A container host with {@code ramMiB} MiB of guest RAM (1 to 1024). */
    public static ContainerHost containers(int ramMiB) {
        return ContainerHost.create(ramMiB, vmlab.engine.ReferenceInterpreter::new);
    }
}
