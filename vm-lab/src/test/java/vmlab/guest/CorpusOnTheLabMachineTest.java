package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.Machine;
import vmlab.os.LinuxProcess;

/**
 * The guest corpus on our lab machine (reference interpreter, Linux system-call layer): every program prints what it
 * printed under qemu-riscv32 and exits with the same status; the privileged-mode tests pass in M-mode.
 */
class CorpusOnTheLabMachineTest {
    /** Far above what any case needs (the largest, bigstack, faults after about 33 million). */
    private static final long MAX_INSTRUCTIONS = 200_000_000L;

    @TempDir
    Path labDir;

    @TestFactory
    Stream<DynamicTest> everyProgramBehavesAsUnderQemu() {
        return RecordedCase.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Machine machine = new Machine();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path lab = Files.createDirectories(labDir.resolve(c.name()));
            LinuxProcess.start(machine, RecordedCase.resource(c.program() + ".elf"), c.argv(), Map.of(), lab,
                    LinuxProcess.Streams.of(new ByteArrayInputStream(c.stdin()), out, err));
            Stop stop = new ReferenceInterpreter().run(machine, MAX_INSTRUCTIONS);
            String stdout = out.toString(StandardCharsets.UTF_8).replaceAll("\\n+$", "");
            assertEquals(Stop.EXITED, stop, () -> c + " did not finish: " + stop.description());
            assertAll(
                    () -> assertEquals(c.exitStatus(), machine.exitCode(), () -> c + ": exit status (" + machine.exitReason()
                            + "), stderr: " + err.toString(StandardCharsets.UTF_8)),
                    () -> assertEquals(c.stdout(), stdout, () -> c + ": stdout"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPrivilegedTestPasses() throws IOException {
        List<String> tests;
        try (Stream<Path> files = Files.list(RecordedCase.guestSources().resolve("bare"))) {
            tests = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".S"))
                    .map(f -> f.replace(".S", "")).sorted().toList();
        }
        assertTrue(tests.size() >= 9, "the bare-metal tests have gone missing: " + tests);
        return tests.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Machine machine = new Machine();
            machine.load(RecordedCase.resource("bare/" + name + ".elf").image());
            Stop stop = new ReferenceInterpreter().run(machine, MAX_INSTRUCTIONS);
            assertEquals(Stop.EXITED, stop, () -> name + " never reported a result: " + stop.description());
            assertEquals(0, machine.exitCode(), () -> name + ": " + machine.exitReason() + "; read `check_number "
                    + machine.exitCode() + "` in vm-lab/guest/bare/" + name + ".S");
        }));
    }
}
