package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.filesystem.LabFsImage;

/**
 * labOS on the real reference machine, QEMU's virt board: it boots from our firmware, runs the unchanged corpus ELFs
 * from its disk as user processes, writes files that survive a reboot, and prints exactly the recorded transcript
 * (vm-lab/guest/expected/labos-*.out), which VM Lab's own board must print too.
 */
class LabOsOnQemuIT {

    /** The disk every labOS transcript test starts from: a few corpus programs and one text file. */
    static LabFsImage startingDisk() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String program : LabOsSession.PROGRAMS) {
            files.put(program + ".elf", Files.readAllBytes(GuestCorpus.elf(program)));
        }
        files.put("motd.txt", "Welcome to labOS, a guest that believes it owns the machine.\n".getBytes(StandardCharsets.UTF_8));
        return LabFsImage.of(files, 2048);
    }

    @Test
    void labOsBootsRunsTheCorpusAndPrintsTheRecordedTranscript(@TempDir Path dir) throws IOException {
        Path disk = dir.resolve("disk.img");
        startingDisk().write(disk);

        GuestRun first = QemuVirt.boot(disk, LabOsSession.FIRST_BOOT_KEYS);
        assertFalse(first.timedOut(), "labOS did not power off: " + first.stdoutText());
        assertEquals(0, first.exitCode(), first::toString);
        LabOsSession.assertTranscript("labos-first-boot.out", first.stdoutText());

        GuestRun second = QemuVirt.boot(disk, LabOsSession.SECOND_BOOT_KEYS);
        LabOsSession.assertTranscript("labos-second-boot.out", second.stdoutText());

        LabFsImage after = LabFsImage.read(disk);
        assertEquals(LabOsSession.NOTE, new String(after.contents("note.txt"), StandardCharsets.UTF_8));
        assertFalse(after.files().containsKey("motd.txt"), "rm motd.txt did not reach the disk");
        assertArrayEquals(Files.readAllBytes(GuestCorpus.elf("hello")), after.contents("hello.elf"));
    }

    @Test
    void aCorpusProgramPrintsUnderLabOsWhatItPrintsUnderQemuUser(@TempDir Path dir) throws IOException {
        Path disk = dir.resolve("disk.img");
        startingDisk().write(disk);
        String transcript = QemuVirt.boot(disk, "hello lab 01 time-sharing\npoweroff\n").stdoutText();
        String expected = Files.readString(GuestCorpus.sources().resolve("expected/hello-args.out"));
        String body = expected.substring(expected.indexOf('\n') + 1);   // after the "exit N" line
        assertTrue(transcript.contains("labos$ hello lab 01 time-sharing\n" + body + "labos$ "), transcript);
    }

    @Test
    void aCorruptedDiskIsReportedAndNeverWritten(@TempDir Path dir) throws IOException {
        Path disk = dir.resolve("disk.img");
        byte[] image = startingDisk().toBytes();
        image[512 + 5] ^= 0x40;
        Files.write(disk, image);
        String transcript = QemuVirt.boot(disk, "echo x > y\nls\npoweroff\n").stdoutText();
        assertTrue(transcript.contains("labfs: checksum mismatch in the superblock or the directory (sectors 0-8)"), transcript);
        assertTrue(transcript.contains("echo: cannot create y"), transcript);
        assertArrayEquals(image, Files.readAllBytes(disk), "labOS wrote to a disk it could not mount");
    }
}
