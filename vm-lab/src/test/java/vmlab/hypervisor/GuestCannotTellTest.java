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
import vmlab.machine.Machine;

/**
 * Popek and Goldberg's equivalence, tested: a guest kernel prints the same console transcript in real S-mode under
 * firmware and deprivileged under the monitor, on every engine; and the monitor's host runs identically on the fast
 * engines and the reference interpreter, instruction by instruction.
 */
class GuestCannotTellTest {

    static Stream<Engine> engines() {
        return GuestRuns.engines().stream();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void skernelPrintsTheSameTranscriptBareAndUnderTheMonitor(Engine engine) {
        Machine bare = GuestRuns.bare(engine, GuestRuns.skernel());
        GuestVm vm = GuestRuns.virtualized(engine, GuestRuns.skernel());
        assertEquals(bare.uart.output(), vm.console(), engine.name());
        assertEquals(VmState.OFF, vm.state(), vm.stopReason());
        assertEquals(0, vm.exitStatus());
        assertTrue(vm.console().contains("supervisor CSR checks failed: 0x00000000"), vm.console());
        assertTrue(vm.console().contains("user stack page A=1 D=1, untouched page A=0 D=0"), vm.console());
        assertTrue(vm.console().contains("user task exited with status 0"), vm.console());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aCorpusProgramInTheGuestsUserModeGivesTheSameOutput(Engine engine) {
        GuestBoot boot = GuestBoot.kernelRunning(GuestKernels.skernel(), GuestKernels.corpusProgram("sieve"), "2000");
        Machine bare = GuestRuns.bare(engine, boot);
        GuestVm vm = GuestRuns.virtualized(engine, boot);
        assertEquals(bare.uart.output(), vm.console(), engine.name());
        assertTrue(vm.console().contains("primes up to 2000: 303, largest 1999"), vm.console());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyKindOfExitHappensAndIsCounted(Engine engine) {
        GuestVm vm = GuestRuns.virtualized(engine, GuestRuns.skernel());
        for (ExitReason reason : new ExitReason[] {ExitReason.CSR, ExitReason.SRET, ExitReason.SFENCE, ExitReason.SBI,
                ExitReason.SHADOW_FILL, ExitReason.MMIO, ExitReason.GUEST_SYSCALL, ExitReason.GUEST_FAULT,
                ExitReason.HOST_TIMER}) {
            assertTrue(vm.exits().get(reason) > 0, reason + " never happened: " + vm.exits());
        }
        assertTrue(vm.injectedInterrupts() >= 3, "the guest counted three ticks, so at least three were injected");
    }

    static Stream<Engine> fastEngines() {
        return Stream.of(new FastInterpreter(), new BlockCompiler());
    }

    @ParameterizedTest
    @MethodSource("fastEngines")
    void theMonitorsHostRunsInLockstepWithTheReferenceInterpreter(Engine engine) {
        Lockstep.Result result = Lockstep.of(() -> {
            Hypervisor hypervisor = Hypervisor.typeOne(GuestRuns.GUEST_RAM + (2 << 20));
            hypervisor.create("guest", GuestRuns.GUEST_RAM, GuestRuns.skernel()).start();
            return hypervisor.machine();
        }, engine).limit(3_000_000).compareRam(false).run();
        assertTrue(result.agreed(), result.toString());
    }
}
