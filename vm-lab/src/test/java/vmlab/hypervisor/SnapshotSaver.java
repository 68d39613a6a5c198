package vmlab.hypervisor;

import vmlab.engine.BlockCompiler;

/**
 * A child JVM for the crash test: boots skernel under a monitor, pauses it part-way, and saves it to the file named by
 * its argument again and again, printing "saved" after each, until it is killed.
 */
public final class SnapshotSaver {
    private SnapshotSaver() {
    }

    public static void main(String[] args) {
        Hypervisor hypervisor = Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
        GuestVm vm = hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel()).start();
        hypervisor.run(new BlockCompiler(), LifecycleTest.PART_WAY);
        vm.pause();
        while (true) {
            vm.snapshot(args[0]);
            System.out.println("saved");
            System.out.flush();
        }
    }
}
