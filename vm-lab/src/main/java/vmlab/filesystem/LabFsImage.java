package vmlab.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A LabFS disk image: sector 0 the superblock, sectors 1-8 a directory of 64 entries, then each file in one run of
 * sectors. The image is kept byte for byte as read, so what a guest wrote can be compared with another run's disk.
 */
public final class LabFsImage {
    public static final int SECTOR = 512;
    public static final int ENTRIES = 64;
    public static final int DIRECTORY_SECTORS = 8;
    public static final int DATA_START = 1 + DIRECTORY_SECTORS;
    public static final int NAME_BYTES = 47;
    /** 4 MiB: room for the corpus and what guests write. */
    public static final int DEFAULT_SECTORS = 8192;
    private static final byte[] MAGIC = {'L', 'A', 'B', 'F', 'S', '1', '\n', 0};
    private static final int VERSION = 1;

    private final byte[] bytes;
    private final List<LabFsEntry> entries;

    private LabFsImage(byte[] bytes, List<LabFsEntry> entries) {
        this.bytes = bytes;
        this.entries = entries;
    }

    /** Reads and checks an image file. */
    public static LabFsImage read(Path image) throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new IOException(image + ": no such disk image");
        }
        return parse(Files.readAllBytes(image), image.toString());
    }

    /** Checks an image held in memory; {@code where} names it in error messages. */
    public static LabFsImage parse(byte[] image, String where) throws CorruptImageException {
        if (image.length < DATA_START * SECTOR || image.length % SECTOR != 0) {
            throw new CorruptImageException(where + ": " + image.length + " bytes is not a LabFS image"
                    + " (it needs whole 512-byte sectors, at least " + DATA_START + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(Arrays.copyOf(image, 8), MAGIC)) {
            throw new CorruptImageException(where + ": sector 0 bytes 0-7 are not the LabFS magic \"LABFS1\\n\\0\"");
        }
        if (b.getInt(8) != VERSION) {
            throw new CorruptImageException(where + ": sector 0 byte 8: LabFS version " + b.getInt(8) + ", expected 1");
        }
        if (crc(image, 0, 28) != b.getInt(28)) {
            throw new CorruptImageException(where + ": sector 0: the superblock checksum (bytes 28-31) does not match");
        }
        int sectors = b.getInt(12);
        if (b.getInt(16) != ENTRIES || b.getInt(20) != DATA_START || sectors < DATA_START
                || (long) sectors * SECTOR > image.length) {
            throw new CorruptImageException(where + ": sector 0: geometry (" + sectors + " sectors, "
                    + b.getInt(16) + " entries, data at " + b.getInt(20) + ") does not fit a " + image.length
                    + "-byte image");
        }
        if (crc(image, SECTOR, DIRECTORY_SECTORS * SECTOR) != b.getInt(24)) {
            throw new CorruptImageException(where + ": sectors 1-8: the directory checksum (sector 0 bytes 24-27)"
                    + " does not match");
        }
        List<LabFsEntry> entries = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            int at = SECTOR + 64 * i;
            if (image[at] == 0) {
                continue;
            }
            int length = 0;
            while (length < 48 && image[at + length] != 0) {
                length++;
            }
            String name = new String(image, at, length, StandardCharsets.UTF_8);
            LabFsEntry entry = new LabFsEntry(name, b.getInt(at + 48), b.getInt(at + 52), b.getInt(at + 56));
            if (length > NAME_BYTES || entry.start() < DATA_START || entry.capacity() < 0
                    || (long) entry.start() + entry.capacity() > sectors || entry.size() < 0
                    || (long) entry.size() > (long) entry.capacity() * SECTOR || name.contains("/")) {
                throw new CorruptImageException(where + ": directory entry " + i + " (sector " + (1 + i / 8)
                        + ", byte " + (64 * (i % 8)) + ", \"" + name + "\"): name or extent out of range");
            }
            entries.add(entry);
        }
        entries.sort(Comparator.comparing(LabFsEntry::name));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).name().equals(entries.get(i - 1).name())) {
                throw new CorruptImageException(where + ": the directory names \"" + entries.get(i).name() + "\" twice");
            }
        }
        return new LabFsImage(image.clone(), Collections.unmodifiableList(entries));
    }

    /** An image of {@code sectors} sectors holding these files (name to contents), laid out in name order. */
    public static LabFsImage of(Map<String, byte[]> files, int sectors) {
        if (files.size() > ENTRIES) {
            throw new IllegalArgumentException(files.size() + " files do not fit: LabFS holds at most " + ENTRIES);
        }
        byte[] image = new byte[Math.multiplyExact(sectors, SECTOR)];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int next = DATA_START, slot = 0;
        for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
            byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > NAME_BYTES || file.getKey().contains("/")) {
                throw new IllegalArgumentException("\"" + file.getKey() + "\": a LabFS name is 1 to " + NAME_BYTES
                        + " bytes without '/'");
            }
            int capacity = (file.getValue().length + SECTOR - 1) / SECTOR;
            if ((long) next + capacity > sectors) {
                throw new IllegalArgumentException("the files need more than the image's " + sectors + " sectors");
            }
            int at = SECTOR + 64 * slot++;
            System.arraycopy(name, 0, image, at, name.length);
            b.putInt(at + 48, next).putInt(at + 52, file.getValue().length).putInt(at + 56, capacity);
            System.arraycopy(file.getValue(), 0, image, next * SECTOR, file.getValue().length);
            next += capacity;
        }
        System.arraycopy(MAGIC, 0, image, 0, MAGIC.length);
        b.putInt(8, VERSION).putInt(12, sectors).putInt(16, ENTRIES).putInt(20, DATA_START);
        b.putInt(24, crc(image, SECTOR, DIRECTORY_SECTORS * SECTOR));
        b.putInt(28, crc(image, 0, 28));
        try {
            return parse(image, "new image");
        } catch (CorruptImageException e) {
            throw new IllegalStateException("a freshly built image failed its own check", e);
        }
    }

    /** An image holding every regular file directly in {@code folder}. */
    public static LabFsImage fromFolder(Path folder, int sectors) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return of(files, sectors);
    }

    public List<LabFsEntry> entries() {
        return entries;
    }

    public int sectors() {
        return bytes.length / SECTOR;
    }

    public byte[] contents(String name) {
        for (LabFsEntry e : entries) {
            if (e.name().equals(name)) {
                return Arrays.copyOfRange(bytes, e.start() * SECTOR, e.start() * SECTOR + e.size());
            }
        }
        throw new IllegalArgumentException("no file \"" + name + "\" on this disk");
    }

    /** Every file, by name. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new TreeMap<>();
        for (LabFsEntry e : entries) {
            files.put(e.name(), contents(e.name()));
        }
        return files;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the image atomically: a temporary file beside it, flushed to the disk, then renamed over it. */
    public void write(Path image) throws IOException {
        AtomicFile.write(image, bytes);
    }

    /** Writes each file into {@code folder} (created if needed), each atomically. */
    public void extractTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            AtomicFile.write(folder.resolve(file.getKey()), file.getValue());
        }
    }


    private static int crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    @Override
    public String toString() {
        return "LabFS image, " + sectors() + " sectors, " + entries.size() + " files";
    }
}
