package vmlab.machine;

/**
 * The lab's block device at 0x1000_1000: a disk of 512-byte sectors that moves data by DMA into guest RAM.
 * A guest sets SECTOR, ADDRESS and COUNT, writes a COMMAND, and reads STATUS; the transfer is complete when the
 * command write returns (no interrupts, no queue: the simplest device that still shows what DMA is).
 *
 * <pre>
 * offset  name       access  meaning
 * 0x00    MAGIC      R       0x4B4C4256 ("VBLK" in little-endian bytes)
 * 0x04    CAPACITY   R       number of sectors on the disk
 * 0x08    SECTOR     R/W     first sector of the next transfer
 * 0x0C    ADDRESS    R/W     guest physical address of the DMA buffer (must be RAM)
 * 0x10    COUNT      R/W     number of sectors to transfer
 * 0x14    COMMAND    W       1 = read (disk to RAM), 2 = write (RAM to disk); the transfer happens during this write
 * 0x18    STATUS     R       0 = done, 2 = sector range outside the disk, 3 = DMA buffer outside RAM, 4 = unknown command
 * 0x1C    TRANSFERS  R       completed commands since power-on
 * </pre>
 * All registers are 32-bit; other access sizes fault.
 */
public final class BlockDevice implements Device {
    public static final int BASE = 0x1000_1000;
    public static final int SECTOR_SIZE = 512;
    public static final int MAGIC = 0x4B4C4256;
    public static final int STATUS_OK = 0, STATUS_RANGE = 2, STATUS_DMA = 3, STATUS_COMMAND = 4;

    private final Bus bus;
    private byte[] disk;
    private int sector, address, count, status, transfers;

    public BlockDevice(Bus bus, int sectors) {
        this.bus = bus;
        this.disk = new byte[sectors * SECTOR_SIZE];
    }

    /** The disk contents (live: the host may read or fill them between runs). */
    public byte[] disk() {
        return disk;
    }

    /** Replaces the disk with a copy of {@code image}, rounded up to whole sectors. */
    public void insert(byte[] image) {
        int sectors = (image.length + SECTOR_SIZE - 1) / SECTOR_SIZE;
        disk = java.util.Arrays.copyOf(image, sectors * SECTOR_SIZE);
    }

    @Override
    public String name() {
        return "block device";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x1000;
    }

    @Override
    public long read(int offset, int size) {
        if (size != 4) {
            return Bus.FAULT;
        }
        long value = switch (offset) {
            case 0x00 -> MAGIC;
            case 0x04 -> disk.length / SECTOR_SIZE;
            case 0x08 -> sector;
            case 0x0C -> address;
            case 0x10 -> count;
            case 0x18 -> status;
            case 0x1C -> transfers;
            default -> Bus.FAULT;
        };
        return value == Bus.FAULT ? value : value & 0xFFFF_FFFFL;
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (size != 4) {
            return false;
        }
        switch (offset) {
            case 0x08 -> sector = value;
            case 0x0C -> address = value;
            case 0x10 -> count = value;
            case 0x14 -> status = execute(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    private int execute(int command) {
        long first = sector & 0xFFFF_FFFFL, sectors = count & 0xFFFF_FFFFL;
        if (command != 1 && command != 2) {
            return STATUS_COMMAND;
        }
        if ((first + sectors) * SECTOR_SIZE > disk.length) {
            return STATUS_RANGE;
        }
        int bytes = (int) sectors * SECTOR_SIZE, diskOffset = (int) first * SECTOR_SIZE;
        boolean ok = command == 1
                ? bus.copyIn(address, disk, diskOffset, bytes)
                : bus.copyOut(address, disk, diskOffset, bytes);
        if (!ok) {
            return STATUS_DMA;
        }
        transfers++;
        return STATUS_OK;
    }
}
