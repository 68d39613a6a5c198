package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.Device;

/**
 * A fully emulated disk, as the old IDE controllers' programmed I/O worked: no DMA, no queue. The driver names a sector,
 * gives a command, and moves the 512 bytes through a data register four bytes at a time. Under trap-and-emulate every
 * one of those register accesses is an MMIO exit (about 130 per sector), which is what paravirtual I/O (virtio: the
 * guest batches requests in RAM, then notifies once) avoids. A VM gets one with {@link GuestVm#emulatedDisk(int)}.
 *
 * <pre>
 * offset  name      access  meaning
 * 0x00    MAGIC     R       0x44494F50 ("PIOD" in little-endian bytes)
 * 0x04    CAPACITY  R       sectors on the disk
 * 0x08    SECTOR    R/W     the sector the next command reads or writes
 * 0x0C    COMMAND   W       1 = read the sector into the buffer, 2 = write the buffer to the sector; both rewind DATA
 * 0x10    DATA      R/W     the buffer's next 4 bytes (the cursor moves on, and wraps after 512 bytes)
 * 0x14    STATUS    R       0 = done, 2 = sector outside the disk, 4 = unknown command
 * </pre>
 * All registers are 32-bit; other sizes and offsets fault, as on the lab's other devices.
 */
public final class PioDisk implements Device {
    public static final int BASE = 0x1000_0800, MAGIC = 0x4449_4F50, SECTOR = 512;
    private final byte[] disk;
    private final byte[] buffer = new byte[SECTOR];
    private int sector, cursor, status;
    private long accesses, bytesMoved;

    public PioDisk(int sectors) {
        if (sectors <= 0 || sectors > (64 << 20) / SECTOR) {
            throw new IllegalArgumentException("an emulated disk has 1 to " + (64 << 20) / SECTOR + " sectors, not "
                    + sectors);
        }
        this.disk = new byte[sectors * SECTOR];
    }

    /** The disk's bytes (live). */
    public byte[] disk() {
        return disk;
    }

    /** Register accesses so far: each one was an exit. */
    public long accesses() {
        return accesses;
    }

    /** Bytes that went through the data register. */
    public long bytesMoved() {
        return bytesMoved;
    }

    @Override
    public String name() {
        return "emulated disk (PIO)";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x100;
    }

    @Override
    public long read(int offset, int size) {
        if (size != 4) {
            return Bus.FAULT;
        }
        accesses++;
        long value = switch (offset) {
            case 0x00 -> MAGIC;
            case 0x04 -> disk.length / SECTOR;
            case 0x08 -> sector;
            case 0x10 -> dataWord();
            case 0x14 -> status;
            default -> Bus.FAULT;
        };
        return value == Bus.FAULT ? value : value & 0xFFFF_FFFFL;
    }

    private int dataWord() {
        int word = (int) Bus.INT.get(buffer, cursor);
        cursor = (cursor + 4) % SECTOR;
        bytesMoved += 4;
        return word;
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (size != 4) {
            return false;
        }
        accesses++;
        switch (offset) {
            case 0x08 -> sector = value;
            case 0x0C -> status = command(value);
            case 0x10 -> {
                Bus.INT.set(buffer, cursor, value);
                cursor = (cursor + 4) % SECTOR;
                bytesMoved += 4;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private int command(int command) {
        cursor = 0;
        if (command != 1 && command != 2) {
            return 4;
        }
        if (Integer.toUnsignedLong(sector) >= disk.length / SECTOR) {
            return 2;
        }
        int at = sector * SECTOR;
        if (command == 1) {
            System.arraycopy(disk, at, buffer, 0, SECTOR);
        } else {
            System.arraycopy(buffer, 0, disk, at, SECTOR);
        }
        return 0;
    }
}
