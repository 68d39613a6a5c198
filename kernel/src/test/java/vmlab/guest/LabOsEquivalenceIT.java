package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;

/**
 * Popek and Goldberg's equivalence, tested against a machine nobody here wrote: the same firmware, labOS and disk
 * image, typed the same keys, print the same console transcript and leave the same disk bytes on QEMU's virt board
 * and on VM Lab's, on each of its three engines. Instruction counts may differ; transcripts and disks may not.
 */
class LabOsEquivalenceIT {
    private static final long INSTRUCTION_LIMIT = 2_000_000_000L;

    /** What one boot left: the console transcript and the disk. */
    record Boot(String transcript, byte[] disk) {
    }

    @Test
    void qemuAndEveryVmLabEngineGiveTheSameTranscriptsAndTheSameDisk(@TempDir Path dir) throws IOException {
        byte[] startingDisk = LabOsOnQemuIT.startingDisk().toBytes();
        Boot qemuFirst = onQemu(dir, startingDisk, LabOsSession.FIRST_BOOT_KEYS);
        Boot qemuSecond = onQemu(dir, qemuFirst.disk(), LabOsSession.SECOND_BOOT_KEYS);
        LabOsSession.assertTranscript("labos-first-boot.out", qemuFirst.transcript());

        for (Engine engine : List.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler())) {
            Boot first = onVmLab(engine, startingDisk, LabOsSession.FIRST_BOOT_KEYS);
            assertEquals(qemuFirst.transcript(), first.transcript(), engine.name() + ": first boot's transcript");
            assertArrayEquals(qemuFirst.disk(), first.disk(), engine.name() + ": disk after the first boot");
            Boot second = onVmLab(engine, first.disk(), LabOsSession.SECOND_BOOT_KEYS);
            assertEquals(qemuSecond.transcript(), second.transcript(), engine.name() + ": second boot's transcript");
            assertArrayEquals(qemuSecond.disk(), second.disk(), engine.name() + ": disk after the second boot");
        }
    }

    private static Boot onQemu(Path dir, byte[] disk, String keys) throws IOException {
        Path image = Files.createTempFile(dir, "qemu", ".img");
        Files.write(image, disk);
        GuestRun run = QemuVirt.boot(image, keys);
        assertEquals(0, run.exitCode(), () -> "qemu: " + run + "\n" + run.stdoutText());
        return new Boot(run.stdoutText(), Files.readAllBytes(image));
    }

    static Boot onVmLab(Engine engine, byte[] disk, String keys) throws IOException {
        Machine machine = VirtBoard.create().ram(32 << 20)
                .bios(GuestCorpus.elfs().resolve("firmware/firmware.elf"))
                .kernel(GuestCorpus.elfs().resolve("labos/labos.elf"))
                .disk(disk.clone())
                .build();
        machine.uart.type(keys);
        Stop stop = engine.run(machine, INSTRUCTION_LIMIT);
        assertEquals(Stop.EXITED, stop, () -> engine.name() + " stopped (" + stop + ") before labOS powered off; console:\n"
                + machine.uart.output());
        assertEquals(0, machine.exitCode(), () -> engine.name() + ": " + machine.exitReason());
        return new Boot(machine.uart.output(), VirtBoard.diskOf(machine).disk());
    }
}
