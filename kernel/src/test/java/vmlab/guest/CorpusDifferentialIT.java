package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corpus case gives the same stdout and exit status under `vmlab emu` as under qemu-riscv32; the programs that go
 * wrong on purpose (bigstack, badjump) end as qemu ends them, killed by a signal, never with a Java stack trace.
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
                    () -> assertFalse(actual.stderr().contains("\tat "), () -> c + " gave a Java stack trace: " + actual.stderr()),
                    () -> assertEquals(expected.exitCode(), actual.exitCode(), () -> c + ": exit status; vmlab emu: " + actual),
                    () -> assertEquals(expected.stdoutText(), actual.stdoutText(), () -> c + ": stdout; vmlab emu: " + actual));
        }));
    }
}
