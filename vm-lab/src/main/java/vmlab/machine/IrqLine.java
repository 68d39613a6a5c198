package vmlab.machine;

/**
 * One interrupt wire from a device to an interrupt controller. Devices drive it level-sensitively: high while they want
 * attention, low once the guest has served them. A device model knows only its wire, so the same model serves the
 * board's PLIC or a hypervisor's virtual one.
 */
@FunctionalInterface
public interface IrqLine {
    /** A wire connected to nothing (a device used without interrupts). */
    IrqLine NONE = level -> { };

    void set(boolean level);
}
