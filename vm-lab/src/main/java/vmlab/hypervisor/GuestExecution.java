package vmlab.hypervisor;

/**
 * How a guest runs on the real hart. Trap-and-emulate ({@link TrapAndEmulate}) deprivileges the guest kernel and plays
 * its privileged instructions in the monitor; a hardware-assisted mode (the RISC-V H extension: VS/VU modes, two-stage
 * translation) would let most of them run without exits. The monitor's scheduling, devices, SBI and lifecycle are the
 * same for both; only these two steps differ.
 */
public interface GuestExecution {
    String name();

    /** Puts the vCPU on the real hart: its pc, its privilege as the hardware must see it, its translation. */
    void enter(GuestVm vm);

    /**
     * The vCPU leaves the hart (a trap reached the monitor, or the monitor takes the hart back): whatever of its state
     * the hardware held is saved to the {@link Vcpu}. Trap-and-emulate keeps it there all along.
     */
    default void leave(GuestVm vm) {
    }

    /** Handles one exception that left the guest (the monitor has already counted the world switch). */
    void exit(GuestVm vm, int cause, int tval);
}
