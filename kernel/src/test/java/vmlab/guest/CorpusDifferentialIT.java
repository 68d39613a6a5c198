package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corpus case gives the same stdout and exit status under `vmlab emu` as under qemu-riscv32, and the programs
 * that go wrong on purpose end in a guest fault, never in a host crash.
 */
class CorpusDifferentialIT {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> ourEmulatorAgreesWithQemuOnEveryCase() {
        QemuUser qemu = new QemuUser();
        VmlabEmu emu = new VmlabEmu();
        return GuestCorpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Path qemuDir = Files.createDirectories(work.resolve(c.name() + "-qemu"));
            Path emuDir = Files.createDirectories(work.resolve(c.name() + "-emu"));
            GuestRun expected = c.runOn(qemu, qemuDir);
            GuestRun actual = c.runOn(emu, emuDir);
            assertFalse(actual.timedOut(), () -> c + " did not finish under vmlab emu; " + actual);
            assertAll(
                    () -> assertEquals(expected.exitCode(), actual.exitCode(), () -> c + ": exit status; vmlab emu: " + actual),
                    () -> assertEquals(expected.stdoutText(), actual.stdoutText(), () -> c + ": stdout; vmlab emu: " + actual));
        }));
    }

    @TestFactory
    Stream<DynamicTest> badProgramsEndInAGuestFaultNotAHostCrash() {
        VmlabEmu emu = new VmlabEmu();
        QemuUser qemu = new QemuUser();
        List<List<String>> programs = List.of(List.of("bigstack"), List.of("badjump", "hole"), List.of("badjump", "zero"),
                List.of("badjump", "illegal"));
        return programs.stream().map(p -> DynamicTest.dynamicTest(String.join(" ", p), () -> {
            Path elf = GuestCorpus.elf(p.get(0));
            List<String> args = p.subList(1, p.size());
            GuestRun reference = qemu.run(elf, args, new byte[0], work);
            assertNotEquals(0, reference.exitCode(), () -> p + " should die of a signal under qemu; " + reference);
            GuestRun run = emu.runLimited(elf, args, 2_000_000_000L, work);
            assertAll(
                    () -> assertFalse(run.timedOut(), () -> p + " hung vmlab emu; " + run),
                    () -> assertNotEquals(0, run.exitCode(), () -> p + " must not look like success; " + run),
                    () -> assertFalse(run.stderr().contains("\tat "), () -> p + " gave a Java stack trace: " + run.stderr()),
                    () -> assertEquals(reference.stdoutText(), run.stdoutText(), () -> p + ": what it printed before the fault"));
        }));
    }
}
