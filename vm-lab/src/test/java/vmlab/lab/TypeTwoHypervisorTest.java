package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.hypervisor.ExitReason;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.HostedVmm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.VmState;
import vmlab.machine.Machine;
import vmlab.os.CpuClock;
import vmlab.os.GuestCorpus;
import vmlab.os.HostOs;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * The same labOS session with its disk under a Type-1 monitor (the machine's own trap handler) and a Type-2 one (a
 * process of the lab's host OS, scheduled with another host process, its disk a host file reached through the host's
 * system calls): identical console and identical disk, and the Type-2 I/O pays host system calls that Type-1 does not.
 */
class TypeTwoHypervisorTest {
    private static final int RAM = 32 << 20;
    private static final String PROMPT = "labos$ ";
    static final List<String> SESSION = List.of("ls", "echo the hotel room keeps your things > note.txt",
            "cat note.txt", "hello lab", "poweroff");

    static Stream<Engine> engines() {
        return Stream.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void typeTwoPrintsAndLeavesWhatTypeOneDoesAndItsIoExitsCostHostSystemCalls(Engine engine, @TempDir Path dir)
            throws IOException {
        Path one = dir.resolve("one.img"), two = dir.resolve("two.img");
        LabComputer.createDisk(one);
        Files.copy(one, two);

        Hypervisor typeOne = Hypervisor.typeOne(RAM + (2 << 20));
        GuestVm vm1 = typeOne.create("os", RAM, GuestBoot.kernel(GuestKernels.labos())).disk(one);
        vm1.start();
        typeOne.runUntilStopped(engine, vm1, 500_000_000);
        for (String line : SESSION) {
            vm1.type(line + "\n");
            typeOne.runUntilStopped(engine, vm1, 2_000_000_000L);
        }

        HostOs host = new HostOs(new Machine(48 << 20), engine, new CpuClock(10_000_000)).quantum(1_000_000);
        Task neighbour = host.spawn("alice", GuestCorpus.program("loop"), List.of("loop", "3000000"), null,
                new ByteArrayOutputStream());
        HostedVmm vmm = HostedVmm.start(host, "os", RAM, GuestBoot.kernel(GuestKernels.labos()), two);
        GuestVm vm2 = vmm.vm().start();
        runUntilPrompt(host, vm2, 0);
        for (String line : SESSION) {
            int mark = vm2.console().length();
            vm2.type(line + "\n");
            runUntilPrompt(host, vm2, mark);
        }

        assertEquals(vm1.console(), vm2.console(), vm2.stopReason());
        assertEquals(VmState.OFF, vm2.state());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "the disks differ");
        assertEquals(TaskState.FINISHED, vmm.task().state(), "the VMM process did not end with its VM");
        assertEquals(TaskState.FINISHED, neighbour.state(), "the host process next to the VMM never got the CPU");
        assertTrue(vmm.task().dispatches() > 1, "the VMM was never scheduled out and back");

        assertEquals(vm1.exits().get(ExitReason.MMIO), vm2.exits().get(ExitReason.MMIO), "the same device accesses");
        assertEquals(vm2.exits().get(ExitReason.MMIO), vmm.kernelCrossings());
        assertTrue(vmm.diskSystemCalls() >= 2 * (vm2.virtioDisk().reads() + vm2.virtioDisk().writes()),
                "each disk request is an _llseek and at least one read or write: " + vmm);
        assertTrue(host.account().systemCalls() >= vmm.diskSystemCalls() + vmm.kernelCrossings(),
                host.account().toString());
    }

    /** Runs the host until the VM has printed something after {@code mark} and waits at its prompt, or is off. */
    private static void runUntilPrompt(HostOs host, GuestVm vm, int mark) {
        host.runWhile(() -> vm.state() == VmState.RUNNING
                && !(vm.console().length() > mark && vm.console().endsWith(PROMPT)), 1_000_000, 4_000_000_000L);
    }
}
