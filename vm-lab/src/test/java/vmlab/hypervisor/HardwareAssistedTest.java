package vmlab.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.Lockstep;

/**
 * The same guests under trap-and-emulate and under the H extension's hardware assistance: the console transcript must
 * be identical on every engine (the guest cannot tell), while the guest kernel's CSR, sret and sfence.vma work and its
 * page-table walks stop exiting, so assisted mode takes far fewer exits.
 */
class HardwareAssistedTest {

    static Stream<Engine> engines() {
        return GuestRuns.engines().stream();
    }

    static GuestVm run(Engine engine, GuestBoot boot, GuestExecution execution) {
        Hypervisor hypervisor = Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
        GuestVm vm = hypervisor.create("guest", GuestRuns.GUEST_RAM, boot, execution).start();
        hypervisor.runUntilStopped(engine, vm, GuestRuns.BUDGET);
        return vm;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void skernelPrintsTheSameTranscriptUnderTrapAndEmulateAndAssisted(Engine engine) {
        GuestVm emulated = run(engine, GuestRuns.skernel(), new TrapAndEmulate());
        GuestVm assisted = run(engine, GuestRuns.skernel(), new HardwareAssisted());
        assertEquals(emulated.console(), assisted.console(), engine.name());
        assertEquals(VmState.OFF, assisted.state(), assisted.stopReason());
        assertEquals(0, assisted.exitStatus());
        assertTrue(assisted.console().contains("supervisor CSR checks failed: 0x00000000"), assisted.console());
        assertTrue(assisted.console().contains("user task exited with status 0"), assisted.console());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSystemCallHeavyGuestTakesAtLeastFiveTimesFewerExitsAssisted(Engine engine) {
        GuestBoot boot = GuestBoot.kernelRunning(GuestKernels.skernel(), GuestKernels.corpusProgram("syscalls"));
        GuestVm emulated = run(engine, boot, new TrapAndEmulate());
        GuestVm assisted = run(engine, boot, new HardwareAssisted());
        assertEquals(emulated.console(), assisted.console(), engine.name());
        assertEquals(0, assisted.exits().get(ExitReason.CSR), "CSR work runs in VS-mode: " + assisted.exits());
        assertEquals(0, assisted.exits().get(ExitReason.SRET), assisted.exits().toString());
        assertEquals(0, assisted.exits().get(ExitReason.SHADOW_FILL), assisted.exits().toString());
        assertEquals(0, assisted.exits().get(ExitReason.GUEST_SYSCALL), "hedeleg sends them straight to the guest");
        assertTrue(assisted.exits().get(ExitReason.SBI) > 0, assisted.exits().toString());
        assertTrue(emulated.exitCount() >= 5 * assisted.exitCount(),
                "trap-and-emulate " + emulated.exits() + " vs assisted " + assisted.exits());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unmodifiedLabOsBootsAndAnswersAssistedAsItDoesOnQemu(Engine engine) throws java.io.IOException {
        int ram = 32 << 20;
        Hypervisor hypervisor = Hypervisor.typeOne(ram + (2 << 20));
        GuestVm vm = hypervisor.create("labos", ram, GuestBoot.kernel(GuestKernels.labos()), new HardwareAssisted());
        vm.start();
        hypervisor.runUntilStopped(engine, vm, 200_000_000);
        for (String line : new String[] {"help\n", "free\n", "poweroff\n"}) {
            assertTrue(vm.console().endsWith("labos$ "), vm.console());
            vm.type(line);
            hypervisor.runUntilStopped(engine, vm, 200_000_000);
        }
        try (var in = getClass().getResourceAsStream("/vmlab/hypervisor/labos-no-disk.out")) {
            assertEquals(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), vm.console(),
                    engine.name() + ": " + vm.stopReason());
        }
        assertEquals(VmState.OFF, vm.state());
        assertEquals(0, vm.exits().get(ExitReason.CSR), vm.exits().toString());
    }

    @org.junit.jupiter.api.Test
    void anAssistedVmPausedMidRunAndSnapshottedFinishesOnAnotherHostAsTheOriginal(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Engine engine = new BlockCompiler();
        Hypervisor first = Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
        GuestVm original = first.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel(), new HardwareAssisted()).start();
        first.run(engine, LifecycleTest.PART_WAY); // in its user task, in VU-mode: the VS registers are on the hart
        String file = dir.resolve("assisted.snap").toString();
        original.pause().snapshot(file);
        String consoleAtPause = original.console();
        original.resume();
        first.runUntilStopped(engine, original, GuestRuns.BUDGET);

        Hypervisor second = Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
        GuestVm copy = second.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel(), new HardwareAssisted());
        copy.restore(file);
        assertEquals(consoleAtPause, copy.console());
        copy.resume();
        second.runUntilStopped(engine, copy, GuestRuns.BUDGET);
        assertEquals(original.console(), copy.console());
        assertEquals(GuestRuns.bare(engine, GuestRuns.skernel()).uart.output(), copy.console());
        assertEquals(0, copy.exitStatus());
    }

    static Stream<Engine> fastEngines() {
        return Stream.of(new FastInterpreter(), new BlockCompiler());
    }

    @ParameterizedTest
    @MethodSource("fastEngines")
    void theAssistedHostRunsInLockstepWithTheReferenceInterpreter(Engine engine) {
        Lockstep.Result result = Lockstep.of(() -> {
            Hypervisor hypervisor = Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
            hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel(), new HardwareAssisted()).start();
            return hypervisor.machine();
        }, engine).limit(3_000_000).compareRam(false).run();
        assertTrue(result.agreed(), result.toString());
    }
}
