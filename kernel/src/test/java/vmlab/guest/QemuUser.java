package vmlab.guest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Debian's qemu-riscv32 user-mode emulator: the reference the corpus is checked against. */
final class QemuUser implements GuestRunner {
    private final Path qemu = HostTool.qemuUser();

    @Override
    public GuestRun run(Path elf, List<String> args, byte[] stdin, Path labDir) {
        List<String> command = new ArrayList<>(List.of(qemu.toString(), elf.toString()));
        command.addAll(args);
        // Generous: on a loaded CI machine the wait for a CPU, not qemu, sets the pace.
        return HostProcess.run(command, stdin, labDir, Duration.ofMinutes(5));
    }

    @Override
    public String name() {
        return "qemu-riscv32";
    }
}
