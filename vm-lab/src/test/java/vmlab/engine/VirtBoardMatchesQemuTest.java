package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;

/**
 * The virt board against the real one: {@code vm-lab/guest/virt-check} (boot ROM registers, PLIC with the UART's
 * receive interrupt, virtio-blk write/flush/read/errors with completion interrupts) runs as {@code -bios} on
 * {@code qemu-system-riscv32 -M virt} and on VM Lab's board on every engine. Console transcripts and disks must be equal.
 */
class VirtBoardMatchesQemuTest {
    @TempDir
    Path temp;

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        return HostCommand.run(directory, "hello\n", command);
    }

    private static byte[] disk() {
        byte[] d = new byte[16 * 512];
        System.arraycopy("labOS disk hello".getBytes(StandardCharsets.US_ASCII), 0, d, 0, 16);
        return d;
    }

    @Test
    void theDeviceCheckFirmwarePrintsTheSameAndLeavesTheSameDiskOnQemuAndOnEveryEngine() throws Exception {
        Path source = Path.of("guest/virt-check").toAbsolutePath();
        run(source, "make", "-s", "OUT=" + temp);
        Path firmware = temp.resolve("virt_check.elf");
        Path qemuDisk = temp.resolve("qemu.img");
        Files.write(qemuDisk, disk());
        String qemu = run(temp, "timeout", "60", "qemu-system-riscv32", "-M", "virt", "-m", "128M", "-nographic",
                "-bios", firmware.toString(), "-global", "virtio-mmio.force-legacy=false",
                "-drive", "file=" + qemuDisk + ",if=none,format=raw,id=d0", "-device", "virtio-blk-device,drive=d0");
        assertTrue(qemu.contains("sector 2 checksum 1505df00"), qemu);
        for (Engine engine : List.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler())) {
            Path ours = temp.resolve("vmlab-" + engine.getClass().getSimpleName() + ".img");
            Files.write(ours, disk());
            Machine m = VirtBoard.create().ram(128 << 20).bios(firmware).disk(ours).build();
            m.uart.type("hello\n");
            assertEquals(Stop.EXITED, engine.run(m, 50_000_000), engine.name() + ": " + m.uart.output());
            assertEquals(qemu.replace("\r\n", "\n"), m.uart.output().replace("\r\n", "\n"), engine.name());
            assertArrayEquals(Files.readAllBytes(qemuDisk), Files.readAllBytes(ours), engine.name() + ": the disk");
        }
    }
}
