package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.DmaMemory;

/**
 * What a VM's virtual devices reach by DMA: its guest-physical memory, a window onto the slice of host RAM the VM holds
 * while it is on. A descriptor that points outside the guest's RAM, or anywhere while the VM is off, is refused like a
 * hole on a bare board (the virtio transport then marks the device as needing a reset), so a guest can never make its
 * disk read or write the host's memory or another VM's. A device from before a power-off reaches nothing.
 */
final class GuestDma implements DmaMemory {
    private final GuestVm vm;
    private final java.util.function.BooleanSupplier plugged;

    /** A window onto {@code vm}'s RAM for a device that is usable while {@code plugged} holds. */
    GuestDma(GuestVm vm, java.util.function.BooleanSupplier plugged) {
        this.vm = vm;
        this.plugged = plugged;
    }

    /** The VM's RAM right now (a new slice at each power-on), or null when it is off or the device unplugged. */
    private GuestRam ram(int addr, int size) {
        GuestRam ram = vm.ram;
        return ram != null && plugged.getAsBoolean() && size >= 0 && ram.contains(addr, size) ? ram : null;
    }

    @Override
    public boolean isRam(int addr, int size) {
        return ram(addr, size) != null;
    }

    @Override
    public long read(int addr, int size) {
        GuestRam ram = ram(addr, size);
        return ram == null ? Bus.FAULT : ram.bus().read(ram.host(addr), size);
    }

    @Override
    public boolean write(int addr, int size, int value) {
        GuestRam ram = ram(addr, size);
        return ram != null && ram.bus().write(ram.host(addr), size, value);
    }

    @Override
    public boolean copyIn(int addr, byte[] bytes, int from, int length) {
        GuestRam ram = ram(addr, length);
        return ram != null && ram.bus().copyIn(ram.host(addr), bytes, from, length);
    }

    @Override
    public boolean copyOut(int addr, byte[] into, int from, int length) {
        GuestRam ram = ram(addr, length);
        return ram != null && ram.bus().copyOut(ram.host(addr), into, from, length);
    }
}
