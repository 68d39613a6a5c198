package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;

/**
 * The H extension against QEMU's: {@code vm-lab/guest/hext} (an M-mode program that enters HS, VS and VU, takes traps
 * there and at M, translates through the VS- and G-stages and prints causes, tvals, guest physical addresses, hstatus
 * and mstatush bits) runs as {@code -bios} on {@code qemu-system-riscv32 -M virt -cpu rv32,h=true} and on VM Lab's virt
 * board on every engine; the transcripts must be equal, and the engines must agree instruction by instruction.
 */
class HextMatchesQemuTest {
    @TempDir
    Path temp;

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        return HostCommand.run(directory, "", command);
    }

    private Path build() throws Exception {
        run(Path.of("guest/hext").toAbsolutePath(), "make", "-s", "OUT=" + temp, "BUILD=" + temp.resolve("obj"));
        return temp.resolve("hext_check.elf");
    }

    private static Machine board(Path program) throws IOException {
        return VirtBoard.create().ram(128 << 20).bios(program).build();
    }

    @Test
    void trapsTranslationsAndHypervisorCsrsPrintTheSameOnQemuAndOnEveryEngine() throws Exception {
        Path program = build();
        String qemu = run(temp, "timeout", "60", "qemu-system-riscv32", "-M", "virt", "-cpu", "rv32,h=true", "-m",
                "128M", "-nographic", "-bios", program.toString()).replace("\r\n", "\n");
        assertTrue(qemu.contains("vs load G-unmapped: mcause=00000015"), qemu); // a load guest-page fault was taken
        assertTrue(qemu.endsWith("done\n"), qemu);
        for (Engine engine : List.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler())) {
            Machine m = board(program);
            assertEquals(Stop.EXITED, engine.run(m, 50_000_000), engine.name() + ": " + m.uart.output());
            assertEquals(qemu, m.uart.output().replace("\r\n", "\n"), engine.name());
        }
    }

    @Test
    void theFastEnginesRunTheHypervisorCheckInLockstepWithTheReference() throws Exception {
        Path program = build();
        for (Engine engine : List.of(new FastInterpreter(), new BlockCompiler())) {
            Lockstep.Result result = Lockstep.of(() -> {
                try {
                    return board(program);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, engine).compareRam(false).run();
            assertTrue(result.agreed(), engine.name() + ": " + result);
        }
    }
}
