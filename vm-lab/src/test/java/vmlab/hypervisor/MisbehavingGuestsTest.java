package vmlab.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vmlab.engine.BlockCompiler;
import vmlab.engine.ReferenceInterpreter;
import vmlab.isa.Image;
import vmlab.machine.Elf;
import vmlab.machine.Machine;

/** A guest that misbehaves gets a guest-visible fault or a clear stop, and the other VMs run on. */
class MisbehavingGuestsTest {
    private static final int RAM = GuestRuns.GUEST_RAM;

    /** Two VMs on one host: {@code bad} next to skernel; skernel must still finish with its usual transcript. */
    private static GuestVm[] nextToSkernel(GuestBoot bad) {
        Hypervisor hypervisor = Hypervisor.typeOne(2 * RAM + (4 << 20)).slice(20_000);
        GuestVm badVm = hypervisor.create("bad", RAM, bad).start();
        GuestVm good = hypervisor.create("good", RAM, GuestRuns.skernel()).start();
        hypervisor.runUntilStopped(new BlockCompiler(), good, GuestRuns.BUDGET);
        Machine bare = GuestRuns.bare(new BlockCompiler(), GuestRuns.skernel());
        assertEquals(VmState.OFF, good.state(), good.stopReason());
        assertEquals(bare.uart.output(), good.console(), "the good VM's transcript changed next to a bad one");
        return new GuestVm[] {badVm, good};
    }

    @Test
    void garbageInSupervisorModeEndsInATrapLoopThatTheMonitorStops() {
        byte[] garbage = new byte[4096];
        new Random(5).nextBytes(garbage);
        Elf elf = new Elf(new Image("garbage", List.of(new Image.Segment(0x8020_0000, garbage, garbage.length, true,
                true)), 0x8020_0000, Map.of()), 0, 0, 0);
        GuestVm bad = nextToSkernel(GuestBoot.kernel(elf))[0];
        assertEquals(VmState.CRASHED, bad.state());
        assertTrue(bad.stopReason().contains("trap loop"), bad.stopReason());
        assertTrue(bad.exits().get(ExitReason.GUEST_FAULT) > 1000, "its faults were passed on to it: " + bad.exits());
    }

    @Test
    void aVmThatNeverYieldsGetsItsSliceAndNoMore() {
        GuestVm[] vms = nextToSkernel(GuestRuns.assembledKernel("spin", "_start: j _start\n"));
        assertEquals(VmState.RUNNING, vms[0].state(), "a spinning guest is not a crashed guest");
        assertTrue(vms[0].exits().get(ExitReason.HOST_TIMER) > 0, "it was preempted by the host timer");
        vms[0].powerOff();
        assertEquals(VmState.OFF, vms[0].state());
    }

    @Test
    void aVmFloodingExitsSlowsOnlyItself() {
        GuestVm[] vms = nextToSkernel(GuestRuns.assembledKernel("flood", """
                _start:
                    csrr t0, sscratch
                    csrw sscratch, t0
                    j _start
                """));
        assertTrue(vms[0].exits().get(ExitReason.CSR) > 1000, vms[0].exits().toString());
        assertEquals(VmState.RUNNING, vms[0].state());
    }

    @Test
    void aMappingOutsideTheGuestsRamIsAnAccessFaultTheGuestSees() {
        // Maps the megapage at 0x4000_0000 to guest-physical 0x9000_0000 (beyond its 8 MiB), loads from it; the trap
        // handler powers off with scause as the status. Bare, 0x9000_0000 is a hole: the same load access fault (5).
        GuestBoot boot = GuestRuns.assembledKernel("outside", """
                _start:
                    la   t0, handler
                    csrw stvec, t0
                    la   t0, root
                    li   t1, 0x90000000
                    srli t1, t1, 2
                    ori  t1, t1, 0xc7          # V R W A D
                    li   t2, 0x100 * 4         # VPN[1] of 0x40000000
                    add  t2, t2, t0
                    sw   t1, 0(t2)
                    li   t1, 0x80000000        # the kernel itself, identity
                    srli t1, t1, 2
                    ori  t1, t1, 0xcf          # V R W X A D
                    li   t2, 0x200 * 4
                    add  t2, t2, t0
                    sw   t1, 0(t2)
                    srli t0, t0, 12
                    li   t1, 0x80000000
                    or   t0, t0, t1
                    csrw satp, t0
                    sfence.vma
                    li   t0, 0x40000000
                    lw   t1, 0(t0)
                    li   a0, 99
                    j    off
                handler:
                    csrr a0, scause
                off:
                    li   t0, 0xF0000000
                    or   a1, a0, t0
                    li   a0, 0
                    li   a7, 0x53525354
                    li   a6, 0
                    ecall
                    .align 12
                root: .space 4096
                """);
        Machine bare = GuestRuns.bare(new ReferenceInterpreter(), boot);
        assertEquals(5, bare.exitCode(), bare.exitReason());
        GuestVm vm = GuestRuns.virtualized(new ReferenceInterpreter(), boot);
        assertEquals(5, vm.exitStatus(), vm.stopReason());
    }

    @Test
    void overcommitIsRefusedWithTheFiguresInTheMessage() {
        Hypervisor hypervisor = Hypervisor.typeOne(RAM + (2 << 20));
        hypervisor.create("first", RAM, GuestRuns.skernel()).start();
        GuestVm second = hypervisor.create("second", RAM, GuestRuns.skernel());
        IllegalStateException refused = assertThrows(IllegalStateException.class, second::start);
        assertTrue(refused.getMessage().contains("overcommit is refused"), refused.getMessage());
        assertEquals(VmState.CREATED, second.state());
    }
}
