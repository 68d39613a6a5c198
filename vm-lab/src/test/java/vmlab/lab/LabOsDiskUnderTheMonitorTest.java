package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import vmlab.filesystem.LabFsImage;
import vmlab.hypervisor.ExitReason;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.Hypervisor;
import vmlab.hypervisor.VmState;

/**
 * labOS with its virtio disk, deprivileged under the monitor: the disk is a host image file, the virtio-blk device does
 * its DMA into the VM's guest-physical memory and its completions are injected through the VM's virtual PLIC. A guest
 * writes a file, powers off, and finds it again after a power-on, on this host and on another one booted from the same
 * image: the lecture's hotel room that keeps your things. Everything it prints, and the disk it leaves, is what labOS
 * prints and leaves on the bare virt board ({@code Lab.computer()}) given the same disk.
 */
class LabOsDiskUnderTheMonitorTest {
    private static final int RAM = 32 << 20;
    private static final String NOTE = "the hotel room keeps your things";
    private static final List<String> SESSION = List.of("ls", "echo " + NOTE + " > note.txt", "cat note.txt",
            "hello lab", "poweroff");

    static Stream<Engine> engines() {
        return Stream.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aFileWrittenInAVmIsThereAfterPowerOnAndOnAnotherHost(Engine engine, @TempDir Path dir) throws IOException {
        Path bareDisk = dir.resolve("bare.img"), vmDisk = dir.resolve("vm.img");
        LabComputer.createDisk(bareDisk);
        Files.copy(bareDisk, vmDisk);

        LabComputer bare = Lab.computer(bareDisk.toString()).engine(engine).powerOn();
        for (String line : SESSION) {
            bare.command(line);
        }
        String bareTranscript = bare.console().substring(bare.console().indexOf('\n') + 1); // minus the firmware's banner

        Hypervisor host = Hypervisor.typeOne(RAM + (2 << 20));
        GuestVm vm = host.create("os", RAM, GuestBoot.kernel(GuestKernels.labos())).disk(vmDisk);
        vm.start();
        session(host, engine, vm, SESSION);
        assertEquals(bareTranscript, vm.console(), engine.name() + ": " + vm.stopReason());
        assertEquals(VmState.OFF, vm.state());
        assertArrayEquals(Files.readAllBytes(bareDisk), Files.readAllBytes(vmDisk), "the disks differ");
        assertEquals(NOTE + "\n", new String(LabFsImage.read(vmDisk).contents("note.txt"), StandardCharsets.UTF_8));
        // labOS sleeps in wfi with interrupts off until its disk completes: each completion wakes the waiting vCPU
        assertTrue(vm.virtioDisk().writes() > 0 && vm.virtioTransport().completions() > 0, "the guest never wrote its disk");
        assertTrue(vm.exits().get(ExitReason.WFI) >= vm.virtioTransport().completions(), vm.exits().toString());

        int before = vm.console().length();
        vm.start(); // power on again: the disk is read back from the host file
        session(host, engine, vm, List.of("cat note.txt", "poweroff"));
        assertTrue(vm.console().substring(before).contains("labos$ cat note.txt\n" + NOTE + "\n"), vm.console());

        Hypervisor otherHost = Hypervisor.typeOne(RAM + (2 << 20)); // the cloud's live demo: same image, other host
        GuestVm moved = otherHost.create("os", RAM, GuestBoot.kernel(GuestKernels.labos())).disk(vmDisk);
        moved.start();
        session(otherHost, engine, moved, List.of("cat note.txt", "poweroff"));
        assertTrue(moved.console().contains("labos$ cat note.txt\n" + NOTE + "\n"), moved.console());
    }

    private static void session(Hypervisor host, Engine engine, GuestVm vm, List<String> lines) {
        host.runUntilStopped(engine, vm, 500_000_000); // to the prompt
        for (String line : lines) {
            assertTrue(vm.console().endsWith("labos$ "), vm.console());
            vm.type(line + "\n");
            host.runUntilStopped(engine, vm, 2_000_000_000L);
        }
    }
}
