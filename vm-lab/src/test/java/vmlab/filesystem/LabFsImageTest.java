package vmlab.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabFsImageTest {

    private static Map<String, byte[]> twoFiles() {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("notes.txt", "the hotel room keeps your things\n".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[1300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        files.put("big.bin", big);
        return files;
    }

    @Test
    void aFolderWrittenToAnImageComesBackFileForFile(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        twoFiles().forEach((name, bytes) -> {
            try {
                Files.write(folder.resolve(name), bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        LabFsImage.fromFolder(folder, 64).write(dir.resolve("disk.img"));
        LabFsImage read = LabFsImage.read(dir.resolve("disk.img"));
        assertEquals(64 * 512, Files.size(dir.resolve("disk.img")));
        assertEquals(2, read.entries().size());
        assertEquals(new LabFsEntry("big.bin", 9, 1300, 3), read.entries().get(0));
        read.extractTo(dir.resolve("out"));
        for (Map.Entry<String, byte[]> file : twoFiles().entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(dir.resolve("out").resolve(file.getKey())));
        }
    }

    @Test
    void aFlippedDirectoryByteIsCaughtByTheChecksumAndNamed() {
        byte[] image = LabFsImage.of(twoFiles(), 64).toBytes();
        image[512 + 3] ^= 1;
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> LabFsImage.parse(image, "disk.img"));
        assertTrue(e.getMessage().startsWith("disk.img: sectors 1-8: the directory checksum"), e.getMessage());
    }

    @Test
    void aWrongMagicOrATruncatedImageIsRefusedWithWhere() {
        byte[] image = LabFsImage.of(twoFiles(), 64).toBytes();
        byte[] wrongMagic = image.clone();
        wrongMagic[0] = 'X';
        assertTrue(assertThrows(CorruptImageException.class, () -> LabFsImage.parse(wrongMagic, "a.img"))
                .getMessage().contains("sector 0 bytes 0-7"));
        byte[] truncated = java.util.Arrays.copyOf(image, 20 * 512);
        assertTrue(assertThrows(CorruptImageException.class, () -> LabFsImage.parse(truncated, "b.img"))
                .getMessage().contains("does not fit a 10240-byte image"));
        assertTrue(assertThrows(CorruptImageException.class, () -> LabFsImage.parse(new byte[700], "c.img"))
                .getMessage().contains("700 bytes is not a LabFS image"));
    }

    @Test
    void anExtentPastTheEndIsRefusedEvenWithGoodChecksums() {
        byte[] image = LabFsImage.of(twoFiles(), 64).toBytes();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(512 + 48, 63);     // big.bin starts at the last sector but needs three
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(image, 512, 4096);
        b.putInt(24, (int) crc.getValue());
        crc.reset();
        crc.update(image, 0, 28);
        b.putInt(28, (int) crc.getValue());
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> LabFsImage.parse(image, "d.img"));
        assertTrue(e.getMessage().contains("directory entry 0 (sector 1, byte 0, \"big.bin\")"), e.getMessage());
    }

    @Test
    void tooManyFilesOrALongNameAreRefusedBeforeWriting() {
        Map<String, byte[]> many = new TreeMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("f" + i, new byte[1]);
        }
        assertThrows(IllegalArgumentException.class, () -> LabFsImage.of(many, 1000));
        assertThrows(IllegalArgumentException.class, () -> LabFsImage.of(Map.of("x".repeat(48), new byte[1]), 100));
        assertThrows(IllegalArgumentException.class, () -> LabFsImage.of(Map.of("big", new byte[10000]), 20));
    }
}
