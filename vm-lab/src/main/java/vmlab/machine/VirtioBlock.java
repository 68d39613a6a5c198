package vmlab.machine;

import vmlab.filesystem.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A virtio block device (virtio 1.2, section 5.2): one request queue serving read, write, flush and get-id on a disk of
 * 512-byte sectors held in host memory. The disk can come from an image file; a flush request (and {@link #save}) writes
 * it back atomically (a temporary file, fsync, rename), so the host file is always either the old or the new disk.
 *
 * <p>A request is a chain: a 16-byte header (type, reserved, sector) the driver wrote, the data, and one status byte the
 * device writes last: 0 = OK, 1 = I/O error (a sector range past the disk's end, a data length that is not whole
 * sectors), 2 = unsupported request type.
 */
public final class VirtioBlock implements VirtioBackend {
    public static final int SECTOR = 512;
    public static final int T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8;
    public static final int S_OK = 0, S_IOERR = 1, S_UNSUPP = 2;
    public static final long F_FLUSH = 1L << 9;
    /** The most sectors a disk can have: its bytes are one Java array, below 2 GiB. */
    public static final int MAX_SECTORS = (Integer.MAX_VALUE - SECTOR) / SECTOR;

    private byte[] disk;
    private final Path file;
    private final DmaMemory bus;
    private long reads, writes, flushes, bytesRead, bytesWritten;
    private String lastSaveError;

    /**
     * A disk of {@code sectors} zero sectors, not backed by a file; 0 is an empty drive. Below 2 GiB, like an image file:
     * the byte count is an int, and a larger one would wrap to a small or negative size.
     */
    public VirtioBlock(DmaMemory bus, int sectors) {
        if (sectors < 0 || sectors > MAX_SECTORS) {
            throw new IllegalArgumentException("a virtio disk has 0 to " + MAX_SECTORS + " sectors of " + SECTOR
                    + " bytes, not " + sectors);
        }
        this.bus = bus;
        this.disk = new byte[sectors * SECTOR];
        this.file = null;
    }

    private VirtioBlock(DmaMemory bus, byte[] disk, Path file) {
        this.bus = bus;
        this.disk = disk;
        this.file = file;
    }

    /**
     * A disk read from an image file, written back to it on flush and {@link #save}. The file must hold whole sectors;
     * otherwise this says which file and how big it is.
     */
    public static VirtioBlock open(DmaMemory bus, Path image) throws IOException {
        long length = Files.size(image);
        if (length % SECTOR != 0 || length > (long) MAX_SECTORS * SECTOR) {
            throw new IOException(image + ": a disk image must be a whole number of 512-byte sectors below 2 GiB, "
                    + "but it has " + length + " bytes");
        }
        return new VirtioBlock(bus, Files.readAllBytes(image), image);
    }

    /** The disk's bytes (live). */
    public byte[] disk() {
        return disk;
    }

    public long sectors() {
        return disk.length / SECTOR;
    }

    public Path file() {
        return file;
    }

    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }

    public long flushes() {
        return flushes;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** Why the last flush could not reach the host file (the guest got an I/O error), or null. */
    public String lastSaveError() {
        return lastSaveError;
    }

    @Override
    public String name() {
        return "virtio-blk";
    }

    @Override
    public int deviceId() {
        return 2;
    }

    @Override
    public long features() {
        return F_FLUSH;
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public long readConfig(int offset, int size) {
        long capacity = sectors();
        byte[] config = new byte[24]; // capacity (u64), size_max, seg_max, geometry, blk_size (0x14)
        ByteBuffer b = ByteBuffer.wrap(config).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, capacity);
        b.putInt(0x14, SECTOR);
        if (offset < 0 || offset + size > config.length) {
            return 0;
        }
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (config[offset + i] & 0xFF);
        }
        return value;
    }

    @Override
    public int serve(List<Virtqueue.Buffer> chain) {
        long readableBytes = total(chain, false), writableBytes = total(chain, true);
        if (readableBytes < 16 || writableBytes < 1) {
            return 0; // no header or nowhere to put the status: nothing sensible to answer
        }
        if (readableBytes > disk.length + 16L || writableBytes > disk.length + 1L) {
            return write(chain, new byte[] {S_IOERR}, (int) Math.min(writableBytes, Integer.MAX_VALUE)); // larger than the disk
        }
        byte[] in = readable(chain, (int) readableBytes);
        int writable = (int) writableBytes;
        ByteBuffer header = ByteBuffer.wrap(in).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int type = header.getInt(0);
        long sector = header.getLong(8);
        byte[] out;
        int status;
        switch (type) {
            case T_IN -> {
                int length = writable - 1;
                out = new byte[length + 1];
                status = inRange(sector, length) ? S_OK : S_IOERR;
                if (status == S_OK) {
                    System.arraycopy(disk, (int) (sector * SECTOR), out, 0, length);
                    reads++;
                    bytesRead += length;
                }
            }
            case T_OUT -> {
                int length = in.length - 16;
                out = new byte[1];
                status = inRange(sector, length) ? S_OK : S_IOERR;
                if (status == S_OK) {
                    System.arraycopy(in, 16, disk, (int) (sector * SECTOR), length);
                    writes++;
                    bytesWritten += length;
                }
            }
            case T_FLUSH -> {
                out = new byte[1];
                flushes++;
                status = saveQuietly() ? S_OK : S_IOERR;
            }
            case T_GET_ID -> {
                out = new byte[Math.min(20, writable - 1) + 1];
                byte[] id = "vmlab-virtio-blk".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(id, 0, out, 0, Math.min(id.length, out.length - 1));
                status = S_OK;
            }
            default -> {
                out = new byte[1];
                status = S_UNSUPP;
            }
        }
        out[out.length - 1] = (byte) status;
        return write(chain, out, writable);
    }

    private boolean inRange(long sector, int length) {
        return length % SECTOR == 0 && sector >= 0 && sector <= disk.length / SECTOR
                && sector * SECTOR + length <= disk.length;
    }

    private static long total(List<Virtqueue.Buffer> chain, boolean deviceWrites) {
        return chain.stream().filter(b -> b.deviceWrites() == deviceWrites).mapToLong(b -> b.length() & 0xFFFF_FFFFL)
                .sum();
    }

    /** The driver's bytes: every device-readable buffer, in chain order. */
    private byte[] readable(List<Virtqueue.Buffer> chain, int total) {
        byte[] bytes = new byte[total];
        int at = 0;
        for (Virtqueue.Buffer b : chain) {
            if (!b.deviceWrites() && at < bytes.length) {
                int n = Math.min(b.length(), bytes.length - at);
                bus.copyOut(b.address(), bytes, at, n);
                at += n;
            }
        }
        return bytes;
    }

    /**
     * Writes {@code out} into the device-writable buffers: the data from the start, the status byte (out's last) into
     * the last writable byte. Returns the bytes written.
     */
    private int write(List<Virtqueue.Buffer> chain, byte[] out, int writable) {
        int data = out.length - 1, at = 0, offset = 0;
        for (Virtqueue.Buffer b : chain) {
            if (!b.deviceWrites()) {
                continue;
            }
            int n = Math.max(0, Math.min(b.length(), data - at));
            bus.copyIn(b.address(), out, at, n);
            at += n;
            offset += b.length();
            if (offset == writable && b.length() > 0) { // the last writable byte is the status
                bus.write(b.address() + b.length() - 1, 1, out[out.length - 1]);
            }
        }
        return data + 1;
    }

    private boolean saveQuietly() {
        try {
            save();
            lastSaveError = null;
            return true;
        } catch (IOException | UncheckedIOException e) {
            lastSaveError = e.getMessage();
            return false;
        }
    }

    /** Writes the disk back to its image file atomically (nothing happens for a disk without a file). */
    public void save() throws IOException {
        if (file == null) {
            return;
        }
        AtomicFile.write(file, disk);
    }

    /** Replaces the disk's contents with a copy of {@code image}, rounded up to whole sectors. */
    public void insert(byte[] image) {
        disk = Arrays.copyOf(image, (image.length + SECTOR - 1) / SECTOR * SECTOR);
    }
}
