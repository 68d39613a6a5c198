package vmlab.lab;

import vmlab.cloud.CloudSimulation;
import vmlab.cloud.HostShape;
import vmlab.cloud.ShopDemand;
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
     * Lesson 05's Type-2 host: the lab's host OS on a 64 MiB machine, where each VMM is a process, e.g.
     * {@code var hostOs = Lab.hostOs(); hostOs.labos("os", "os.img").start().type("ls\n")}.
     */
    public static LabHostOs hostOs() {
        return new LabHostOs(Machine.DEFAULT_RAM_SIZE);
    }

    /**
     * A whole computer: QEMU's virt board running the SBI firmware and labOS, booting from the disk image
     * {@code labos.img} in the working directory (created with the corpus programs if it is not there yet).
     */
    public static LabComputer computer() {
        return computer("labos.img");
    }

    /** A computer booting from the disk image {@code diskImage} (created with the corpus programs if missing). */
    public static LabComputer computer(String diskImage) {
        java.nio.file.Path disk = java.nio.file.Path.of(diskImage);
        if (!java.nio.file.Files.exists(disk)) {
            LabComputer.createDisk(disk);
        }
        return new LabComputer(disk);
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

    /**
     * Lesson 02: a year of an online shop's demand, Black Friday included, e.g.
     * {@code Lab.shop(2026).generate().fleetFor(12)}.
     */
    public static ShopDemand shop(int year) {
        return ShopDemand.year(year);
    }

    /**
     * Lesson 02: a data center of 12-core, 96 GiB servers renting out VMs, e.g.
     * {@code Lab.cloud().policy(PlacementPolicy.BEST_FIT).run(RequestTrace.synthetic(2026, 20_000))}.
     */
    public static CloudSimulation cloud() {
        return new CloudSimulation(HostShape.server());
    }

    /**
     * Lesson 02's live demo: {@code hosts} lab hosts (Type-1 monitors of 80 MiB) running labOS VMs from their own disk
     * images, e.g. {@code var dc = Lab.datacenter(3); dc.place("shop", "shop.img", 0); dc.stop("shop");
     * dc.startOn("shop", 2)}.
     */
    public static LabDatacenter datacenter(int hosts) {
        return new LabDatacenter(hosts);
    }
}
