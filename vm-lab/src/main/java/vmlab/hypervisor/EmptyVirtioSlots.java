package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.Device;

/**
 * The {@code virt} board's eight virtio-mmio transports (0x1000_1000 + n * 0x1000) with nothing plugged in: each answers
 * the magic value, version 2 and device ID 0, which is how a driver learns that a slot is empty. A guest probing for a
 * disk finds none and carries on.
 */
final class EmptyVirtioSlots implements Device {
    static final int BASE = 0x1000_1000;
    static final int SLOTS = 8;

    @Override
    public String name() {
        return "virtio-mmio slots (empty)";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return SLOTS * 0x1000;
    }

    @Override
    public long read(int offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            return Bus.FAULT;
        }
        return switch (offset & 0xFFF) {
            case 0x000 -> 0x7472_6976L; // "virt"
            case 0x004 -> 2;           // version 2 (modern)
            case 0x00c -> 0x554D_4551L; // vendor "QEMU", as on the board it copies
            default -> 0;              // device ID 0: no device; every other register reads zero
        };
    }

    @Override
    public boolean write(int offset, int size, int value) {
        return size == 4 && (offset & 3) == 0; // ignored, as an empty slot ignores them
    }
}
