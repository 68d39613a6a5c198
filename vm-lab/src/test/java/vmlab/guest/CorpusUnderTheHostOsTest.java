package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.Machine;
import vmlab.os.CpuClock;
import vmlab.os.HostOs;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * The corpus programs that fork, pipe and wait (vm-lab/guest/kernel-cases.txt) under the lab's host kernel: each
 * prints what it printed under qemu-riscv32, on a real Linux kernel's system calls, and exits with the same status.
 */
class CorpusUnderTheHostOsTest {
    @TestFactory
    Stream<DynamicTest> everyFamilyOfProcessesBehavesAsUnderQemu() {
        return RecordedCase.all("kernel-cases.txt").stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            HostOs kernel = new HostOs(new Machine(32 << 20), new ReferenceInterpreter(), CpuClock.DEFAULT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Task task = kernel.spawn("student", RecordedCase.resource(c.program() + ".elf"), c.argv(), Map.of(),
                    kernel.hostSetup(), null, out, out);
            Stop stop = kernel.runWhile(() -> task.state() != TaskState.FINISHED, 1_000_000, 2_000_000_000L);
            String stdout = out.toString(StandardCharsets.UTF_8).replaceAll("\\n+$", "");
            assertEquals(Stop.EXITED, stop, () -> c + " did not finish: " + task + "; printed " + stdout);
            assertAll(
                    () -> assertEquals(c.exitStatus(), task.exitStatus(), () -> c + ": " + task.endReason()),
                    () -> assertEquals(c.stdout(), stdout, () -> c + ": stdout"));
            assertTrue(kernel.tasks().stream().allMatch(t -> t.state() == TaskState.FINISHED),
                    () -> "every process of the family ended: " + kernel.tasks());
        }));
    }
}
