package vmlab.lab;

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
     * Lesson 05: a Type-1 monitor (trap-and-emulate) on a 64 MiB host, e.g.
     * {@code var host = Lab.hypervisor(); host.vm("a").start().console()}.
     */
    public static LabHypervisor hypervisor() {
        return new LabHypervisor(Machine.DEFAULT_RAM_SIZE);
    }

    /** A monitor on a host with {@code hostRamMiB} MiB of RAM (each VM takes 8 MiB plus 1 MiB of shadow tables). */
    public static LabHypervisor hypervisor(int hostRamMiB) {
        if (hostRamMiB < 10 || hostRamMiB > 1024) {
            throw new IllegalArgumentException("host RAM must be between 10 and 1024 MiB, not " + hostRamMiB);
        }
        return new LabHypervisor(hostRamMiB << 20);
    }

    /**
     * Lesson 01: a time-sharing computer with users at terminals, e.g.
     * {@code Lab.timeSharing().users(8).quantum(10_000).policy(Policy.ROUND_ROBIN).run(Duration.ofMinutes(5))}.
     */
    public static TimeSharing timeSharing() {
        return new TimeSharing();
    }
}
