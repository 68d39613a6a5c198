package vmlab.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.BlockCompiler;
import vmlab.engine.ReferenceInterpreter;

/** create, start, pause, resume, snapshot, restore, power off, power on: the hotel room that keeps your things. */
class LifecycleTest {
    /** Host instructions after which the snapshot tests pause skernel: in its user task, timer ticking. */
    static final long PART_WAY = 150_000;

    private static Hypervisor host() {
        return Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
    }

    private static String bareTranscript() {
        return GuestRuns.bare(new BlockCompiler(), GuestRuns.skernel()).uart.output();
    }

    @Test
    void aPausedVmRunsNoInstructionsAndResumesWhereItStopped() {
        Hypervisor hypervisor = host();
        GuestVm vm = hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel()).start();
        hypervisor.run(new ReferenceInterpreter(), PART_WAY);
        vm.pause();
        long retired = vm.guestInstructions();
        String console = vm.console();
        hypervisor.run(new ReferenceInterpreter(), 1_000_000);
        assertEquals(retired, vm.guestInstructions(), "a paused VM ran");
        assertEquals(console, vm.console());
        vm.resume();
        hypervisor.runUntilStopped(new ReferenceInterpreter(), vm, GuestRuns.BUDGET);
        assertEquals(bareTranscript(), vm.console());
    }

    @Test
    void aSnapshotRestoredOnAnotherHostFinishesExactlyAsTheOriginal(@TempDir Path dir) {
        Hypervisor first = host();
        GuestVm original = first.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel()).start();
        first.run(new BlockCompiler(), PART_WAY);
        original.pause().snapshot(dir.resolve("guest.snap").toString());
        int pcAtSnapshot = original.vcpu.pc;
        original.resume();
        first.runUntilStopped(new BlockCompiler(), original, GuestRuns.BUDGET);

        Hypervisor second = host();
        GuestVm copy = second.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel());
        copy.restore(dir.resolve("guest.snap").toString());
        assertEquals(VmState.PAUSED, copy.state());
        assertEquals(pcAtSnapshot, copy.vcpu.pc);
        copy.resume();
        second.runUntilStopped(new BlockCompiler(), copy, GuestRuns.BUDGET);
        assertEquals(original.console(), copy.console());
        assertEquals(bareTranscript(), copy.console());
        assertEquals(0, copy.exitStatus());
    }

    @Test
    void powerOffGivesTheMemoryBackAndPowerOnBootsAgain() {
        Hypervisor hypervisor = host();
        long free = hypervisor.freeHostMemory();
        GuestVm vm = hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel()).start();
        assertTrue(hypervisor.freeHostMemory() < free - GuestRuns.GUEST_RAM);
        hypervisor.run(new BlockCompiler(), PART_WAY);
        vm.powerOff();
        assertEquals(VmState.OFF, vm.state());
        assertEquals(free, hypervisor.freeHostMemory(), "a VM that is off holds no host memory");
        vm.start();
        hypervisor.runUntilStopped(new BlockCompiler(), vm, GuestRuns.BUDGET);
        assertEquals(bareTranscript(), vm.console().substring(vm.console().indexOf("skernel: hello", 10)),
                "the second boot printed the whole transcript again");
    }

    @Test
    void corruptTruncatedAndForeignSnapshotsAreRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        Hypervisor hypervisor = host();
        GuestVm vm = hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel()).start();
        hypervisor.run(new BlockCompiler(), PART_WAY);
        Path good = dir.resolve("good.snap");
        vm.pause().snapshot(good.toString());
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.snap");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(vm, truncated, "truncated");

        Path corrupt = dir.resolve("corrupt.snap");
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 0x40;
        Files.write(corrupt, flipped);
        assertRefused(vm, corrupt, "corrupt");

        Path notASnapshot = dir.resolve("notes.txt");
        Files.writeString(notASnapshot, "hello");
        assertRefused(vm, notASnapshot, "not a VM Lab snapshot");

        Hypervisor other = Hypervisor.typeOne(2 * GuestRuns.GUEST_RAM);
        GuestVm bigger = other.create("bigger", GuestRuns.GUEST_RAM + (1 << 20), GuestRuns.skernel());
        assertRefused(bigger, good, "another configuration");
        assertEquals(VmState.CREATED, bigger.state(), "a refused restore changes nothing");

        vm.restore(good.toString()); // the good one still works
        vm.resume();
        hypervisor.runUntilStopped(new BlockCompiler(), vm, GuestRuns.BUDGET);
        assertEquals(bareTranscript(), vm.console());
    }

    private static void assertRefused(GuestVm vm, Path file, String why) {
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> vm.restore(file.toString()));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    @Test
    void aSaveKilledMidwayLeavesTheLastSnapshotUsable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("guest.snap");
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), SnapshotSaver.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                int saves = 0;
                while ((line = out.readLine()) != null && saves < 2 + round) {
                    if (line.equals("saved")) {
                        saves++;
                    }
                }
                assertTrue(saves > 0, "the child never saved: " + line);
                Thread.sleep(7L * round);
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            Hypervisor hypervisor = host();
            GuestVm vm = hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel());
            vm.restore(file.toString());
            vm.resume();
            hypervisor.runUntilStopped(new BlockCompiler(), vm, GuestRuns.BUDGET);
            assertEquals(bareTranscript(), vm.console(), "round " + round);
        }
    }
}
