package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bare-metal privileged-mode tests of vm-lab/guest/bare pass on our machine (`vmlab emu --bare`): each writes 1 to
 * tohost on success, or reports the number of the failing check as its exit status.
 */
class PrivilegedTestsIT {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyPrivilegedTestPassesOnOurMachine() {
        assertTrue(GuestCorpus.bareTests().size() >= 9, "the bare-metal tests have gone missing");
        VmlabEmu emu = new VmlabEmu();
        return GuestCorpus.bareTests().stream().map(elf -> DynamicTest.dynamicTest(name(elf), () -> {
            GuestRun run = emu.runBare(elf, 100_000_000L, work);
            assertFalse(run.timedOut(), () -> name(elf) + " never reported through tohost; " + run);
            assertEquals(0, run.exitCode(), () -> name(elf) + " failed check number " + run.exitCode()
                    + ": read `check_number " + run.exitCode() + "` in vm-lab/guest/bare/" + name(elf) + ".S; " + run);
        }));
    }

    private static String name(Path elf) {
        return elf.getFileName().toString().replace(".elf", "");
    }
}
