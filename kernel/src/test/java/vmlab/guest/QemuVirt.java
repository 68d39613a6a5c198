package vmlab.guest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's qemu-system-riscv32 with the virt board: the reference machine labOS is checked against. Our SBI
 * firmware is its -bios (Debian ships no 32-bit OpenSBI); virtio-mmio transports are made version 2
 * (QEMU 7.2 defaults to the legacy version 1, which labOS does not drive).
 */
final class QemuVirt {
    /** The RAM both boards get: labOS prints it and its free memory, so it must match for transcripts to match. */
    static final String RAM = "32M";

    private QemuVirt() {
    }

    static Path qemu() {
        return HostTool.require("qemu-system-riscv32", "qemu-system-misc");
    }

    static List<String> command(Path firmware, Path kernel, Path disk) {
        return List.of(qemu().toString(), "-M", "virt", "-m", RAM, "-nographic", "-monitor", "none", "-serial", "stdio",
                "-bios", firmware.toString(), "-kernel", kernel.toString(),
                "-global", "virtio-mmio.force-legacy=false",
                "-drive", "file=" + disk + ",if=none,format=raw,id=disk0",
                "-device", "virtio-blk-device,drive=disk0");
    }

    /** Boots, types {@code keys} into the console, and returns everything the console printed until power-off. */
    static GuestRun boot(Path disk, String keys) {
        return HostProcess.run(command(GuestCorpus.elfs().resolve("firmware/firmware.elf"),
                        GuestCorpus.elfs().resolve("labos/labos.elf"), disk),
                keys.getBytes(java.nio.charset.StandardCharsets.UTF_8), disk.getParent(), Duration.ofMinutes(2));
    }
}
