package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** qemu-riscv32 still prints what was recorded for every corpus case: the reference side of the differential tests. */
class CorpusUnderQemuIT {

    @TempDir
    Path labDir;

    @TestFactory
    Stream<DynamicTest> qemuPrintsTheRecordedOutputForEveryCase() {
        QemuUser qemu = new QemuUser();
        return GuestCorpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            GuestRun run = c.runOn(qemu, labDir);
            assertFalse(run.timedOut(), () -> c + " did not finish under qemu");
            assertAll(
                    () -> assertEquals(c.recordedExit(), run.exitCode(), () -> c + " exit status under qemu; " + run),
                    () -> assertEquals(c.recordedStdout(), withoutTrailingNewlines(run.stdoutText()),
                            () -> c + " stdout under qemu differs from vm-lab/guest/expected/" + c.name() + ".out"));
        }));
    }

    /** The recording went through a shell's $(...), which drops trailing newlines. */
    private static String withoutTrailingNewlines(String text) {
        return text.replaceAll("\\n+$", "");
    }
}
