package vmlab.hypervisor;

import vmlab.machine.Cause;
import vmlab.machine.Hart;
import vmlab.machine.HostTrapHandler;
import vmlab.machine.Machine;
import vmlab.machine.Privilege;

/**
 * Java standing in for M-mode firmware on a bare machine: it boots an S-mode kernel with every trap of S and U delegated
 * to it (except its own {@code ecall}), serves the kernel's SBI calls with {@link SbiService}, and turns the machine
 * timer into the supervisor timer interrupt the kernel asked for. This is the "bare" side of every hypervisor comparison:
 * the guest kernel in real S-mode, no monitor between it and the hardware.
 */
public final class JavaFirmware implements HostTrapHandler, SbiService.Platform {
    /** medeleg: every exception S-mode may take, except ecall from S (that one is the firmware's). */
    static final int DELEGATED_EXCEPTIONS = 0xB1FF;
    static final int DELEGATED_INTERRUPTS = Hart.SSIP | Hart.STIP | Hart.SEIP;

    private final Machine machine;
    private final ExitCosts costs;
    private long sbiCalls;

    private JavaFirmware(Machine machine, ExitCosts costs) {
        this.machine = machine;
        this.costs = costs;
    }

    /**
     * Resets {@code machine}, loads {@code boot} and leaves the hart at the kernel's entry in S-mode, a0 = hart 0,
     * a1 = the device tree.
     */
    public static JavaFirmware boot(Machine machine, GuestBoot boot, ExitCosts costs) {
        machine.reset();
        GuestBoot.PhysicalMemory memory = new GuestBoot.PhysicalMemory() {
            @Override
            public boolean write(int address, byte[] bytes, int from, int length) {
                return machine.bus.copyIn(address, bytes, from, length);
            }

            @Override
            public boolean zero(int address, int length) {
                return machine.bus.zero(address, length);
            }
        };
        boot.writeInto(memory);
        JavaFirmware firmware = new JavaFirmware(machine, costs);
        Hart hart = machine.hart;
        hart.medeleg = DELEGATED_EXCEPTIONS;
        hart.mideleg = DELEGATED_INTERRUPTS;
        hart.mcounteren = 7; // the kernel may read cycle, time and instret
        hart.privilege = Privilege.SUPERVISOR;
        hart.pc = boot.entry();
        hart.x[10] = 0;
        hart.x[11] = GuestBoot.writeDeviceTree(memory, machine.bus.ram.length);
        machine.setProgramName(boot.kernel().image().name());
        machine.setSymbols(boot.kernel().image().symbols());
        machine.setHostTrapHandler(firmware);
        return firmware;
    }

    @Override
    public void trap(Machine m, int cause, int tval) {
        Hart hart = m.hart;
        if (cause == Cause.MACHINE_TIMER_INTERRUPT) {
            hart.mip |= Hart.STIP;   // the kernel's timer is due: pass it on as a supervisor interrupt
            hart.mie &= ~Hart.MTIP;  // and stop listening until it asks again
            return;
        }
        if (cause == Cause.ECALL_FROM_S) {
            sbiCalls++;
            hart.pc += 4;
            SbiService.call(hart.x, this);
            m.clint.timeOffset += costs.worldSwitch() + costs.emulate();
            return;
        }
        m.exit(Machine.DOUBLE_FAULT_STATUS, String.format("firmware: unexpected trap to M-mode: %s at pc 0x%08x "
                + "(tval 0x%08x)", Cause.name(cause), hart.pc, tval));
    }

    /** How many SBI calls the kernel made. */
    public long sbiCalls() {
        return sbiCalls;
    }

    @Override
    public void putByte(int b) {
        machine.uart.write(0, 1, b);
    }

    @Override
    public byte[] readPhysical(int address, int length) {
        byte[] bytes = new byte[length];
        return machine.bus.copyOut(address, bytes, 0, length) ? bytes : null;
    }

    @Override
    public void setTimer(long time) {
        machine.clint.mtimecmp = time;
        machine.hart.mip &= ~Hart.STIP;
        machine.hart.mie |= Hart.MTIP;
        machine.clint.updateTimerInterrupt();
    }

    @Override
    public void powerOff(int status, String reason) {
        machine.exit(status, reason);
    }
}
