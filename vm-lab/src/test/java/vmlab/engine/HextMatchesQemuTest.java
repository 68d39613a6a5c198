package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Process p;
        try {
            p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " is not installed (Debian: " + (command[0].startsWith("qemu")
                    ? "qemu-system-misc" : command[0].equals("make") ? "make" : "gcc-riscv64-unknown-elf") + ")");
            throw e;
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
        return output;
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
