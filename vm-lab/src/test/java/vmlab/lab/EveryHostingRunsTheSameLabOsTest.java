package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestExecution;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.HardwareAssisted;
import vmlab.hypervisor.HostedVmm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.TrapAndEmulate;
import vmlab.hypervisor.VmState;
import vmlab.machine.Machine;
import vmlab.os.CpuClock;
import vmlab.os.GuestCorpus;
import vmlab.os.HostOs;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * Popek and Goldberg's equivalence, for every way the lab can host one guest: the same labOS session with its disk on
 * the bare board, then in a VM under trap-and-emulate and hardware-assisted, each Type-1 (the monitor owns the machine)
 * and Type-2 (the monitor is a process of the host OS, next to another process), on all three engines. The guest cannot
 * tell: every console transcript and every final disk is the bare board's.
 */
class EveryHostingRunsTheSameLabOsTest {
    private static final int RAM = 32 << 20;
    private static final String PROMPT = "labos$ ";
    private static final List<String> SESSION = List.of("echo each room keeps its things > note.txt", "cat note.txt",
            "ls", "hello lab", "poweroff");

    static Stream<Engine> engines() {
        return Stream.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyHostingPrintsAndLeavesWhatTheBareBoardDoes(Engine engine, @TempDir Path dir) throws IOException {
        Path bareDisk = dir.resolve("bare.img");
        LabComputer.createDisk(bareDisk);
        Path blank = Files.copy(bareDisk, dir.resolve("blank.img"));
        LabComputer bare = Lab.computer(bareDisk.toString()).engine(engine).powerOn();
        for (String line : SESSION) {
            bare.command(line);
        }
        String expected = bare.console().substring(bare.console().indexOf('\n') + 1); // minus the firmware's banner
        assertTrue(expected.contains("each room keeps its things"), expected);

        for (var execution : List.<Supplier<GuestExecution>>of(TrapAndEmulate::new, HardwareAssisted::new)) {
            String mode = execution.get().name();
            Path typeOneDisk = Files.copy(blank, dir.resolve("one-" + mode + ".img"));
            GuestVm one = typeOne(engine, typeOneDisk, execution.get());
            assertEquals(expected, one.console(), "Type-1, " + mode + ", " + engine.name() + ": " + one.stopReason());
            assertArrayEquals(Files.readAllBytes(bareDisk), Files.readAllBytes(typeOneDisk), "Type-1 " + mode + ": disks differ");

            Path typeTwoDisk = Files.copy(blank, dir.resolve("two-" + mode + ".img"));
            GuestVm two = typeTwo(engine, typeTwoDisk, execution.get());
            assertEquals(expected, two.console(), "Type-2, " + mode + ", " + engine.name() + ": " + two.stopReason());
            assertArrayEquals(Files.readAllBytes(bareDisk), Files.readAllBytes(typeTwoDisk), "Type-2 " + mode + ": disks differ");
        }
    }

    private static GuestVm typeOne(Engine engine, Path disk, GuestExecution execution) {
        Hypervisor host = Hypervisor.typeOne(RAM + (2 << 20));
        GuestVm vm = host.create("os", RAM, GuestBoot.kernel(GuestKernels.labos()), execution).disk(disk);
        vm.start();
        host.runUntilStopped(engine, vm, 500_000_000);
        for (String line : SESSION) {
            vm.type(line + "\n");
            host.runUntilStopped(engine, vm, 2_000_000_000L);
        }
        assertEquals(VmState.OFF, vm.state(), vm.stopReason());
        return vm;
    }

    private static GuestVm typeTwo(Engine engine, Path disk, GuestExecution execution) {
        HostOs host = new HostOs(new Machine(48 << 20), engine, new CpuClock(10_000_000)).quantum(1_000_000);
        Task neighbour = host.spawn("alice", GuestCorpus.program("loop"), List.of("loop", "3000000"), null,
                new ByteArrayOutputStream());
        HostedVmm vmm = HostedVmm.start(host, "os", RAM, GuestBoot.kernel(GuestKernels.labos()), disk, execution);
        GuestVm vm = vmm.vm().start();
        runUntilPrompt(host, vm, 0);
        for (String line : SESSION) {
            int mark = vm.console().length();
            vm.type(line + "\n");
            runUntilPrompt(host, vm, mark);
        }
        assertEquals(VmState.OFF, vm.state(), vm.stopReason());
        host.runWhile(() -> neighbour.state() != TaskState.FINISHED, 1_000_000, 4_000_000_000L);
        assertEquals(TaskState.FINISHED, neighbour.state(), "the host process next to the VMM did not finish");
        assertEquals(0, neighbour.exitStatus(), "the host process next to the VMM was harmed");
        return vm;
    }

    private static void runUntilPrompt(HostOs host, GuestVm vm, int mark) {
        host.runWhile(() -> vm.state() == VmState.RUNNING
                && !(vm.console().length() > mark && vm.console().endsWith(PROMPT)), 1_000_000, 4_000_000_000L);
    }
}
