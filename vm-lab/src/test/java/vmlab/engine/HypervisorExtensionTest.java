package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vmlab.isa.Assembler;
import vmlab.machine.Cause;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;

/**
 * The H extension where the spec is clear and QEMU 7.2 (which HextMatchesQemuTest compares against) departs from it:
 * the cause of an illegal instruction delegated to the guest kernel, HLVX's execute permission, VTVM on satp, the
 * guest's view of its delegated interrupts, and VU-mode touching a supervisor CSR. Written in the lab's own assembly.
 */
class HypervisorExtensionTest {
    private static final int BASE = 0x8000_0000;
    private static final int HANDLER = BASE + 0x800;
    /** A 16 KiB-aligned G-stage root (Sv32x4) below the RAM the programs use. */
    private static final int G_ROOT = BASE + 0x10000;

    /** {@code source} at RAM's base, entered in {@code privilege} with V={@code virt}; every handler spins. */
    private static Machine machine(String source, int privilege, boolean virt) {
        Machine m = new Machine(1 << 20);
        m.load(Assembler.assemble(source).image());
        m.hart.privilege = privilege;
        m.hart.virt = virt;
        m.hart.mtvec = HANDLER;
        m.hart.stvec = HANDLER + 0x100;
        m.hart.vstvec = HANDLER + 0x200;
        for (int slot = 0; slot < 0x300; slot += 4) {
            m.bus.write(HANDLER + slot, 4, 0x0000_006F); // j .
        }
        return m;
    }

    private static void run(Machine m, int instructions) {
        new ReferenceInterpreter().run(m, instructions);
    }

    @Test
    void anIllegalInstructionDelegatedToTheGuestKernelKeepsCauseTwo() {
        Machine m = machine("csrr a0, mstatus\n", Privilege.SUPERVISOR, true);
        m.hart.medeleg = 1 << Cause.ILLEGAL_INSTRUCTION;
        m.hart.hedeleg = 1 << Cause.ILLEGAL_INSTRUCTION;
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.vscause, "QEMU 7.2 says 1 here");
        assertEquals(0x3000_2573, m.hart.vstval);
        assertEquals(HANDLER + 0x200, m.hart.pc);
        assertTrue(m.hart.virt, "the guest kernel handles it: V stays 1");
    }

    @Test
    void hlvxReadsOnlyWhatTheGStageLetsExecute() {
        String program = """
                li a1, 0x80001000
                hlvx.wu a0, (a1)
                hlv.w a2, (a1)
                """;
        Machine m = machine(program, Privilege.MACHINE, false);
        m.bus.write(BASE + 0x1000, 4, 0x1234_5678);
        m.hart.hgatp = 0x8000_0000 | G_ROOT >>> 12;
        int megapage = (BASE >>> 12) << 10 | Mmu.PTE_V | Mmu.PTE_U | Mmu.PTE_A | Mmu.PTE_D;
        m.bus.write(G_ROOT + 4 * (BASE >>> 22), 4, megapage | Mmu.PTE_R | Mmu.PTE_W); // readable, not executable
        run(m, 3);
        assertEquals(Cause.LOAD_GUEST_PAGE_FAULT, m.hart.mcause, "HLVX needs execute permission");
        assertEquals(BASE + 0x1000, m.hart.mtval);
        assertEquals((BASE + 0x1000) >>> 2, m.hart.mtval2);
        assertEquals(Hart.MSTATUSH_GVA, m.hart.mstatush, "mtval is a guest virtual address; MPV 0 (from M)");

        m = machine(program, Privilege.MACHINE, false);
        m.bus.write(BASE + 0x1000, 4, 0x1234_5678);
        m.hart.hgatp = 0x8000_0000 | G_ROOT >>> 12;
        m.bus.write(G_ROOT + 4 * (BASE >>> 22), 4, megapage | Mmu.PTE_X); // executable only
        run(m, 3);
        assertEquals(0x1234_5678, m.hart.x[10], "hlvx.wu reads an execute-only page");
        assertEquals(Cause.LOAD_GUEST_PAGE_FAULT, m.hart.mcause, "hlv.w may not");
        assertEquals(BASE + 8, m.hart.mepc);
    }

    @Test
    void underVtvmTheGuestKernelsSatpAccessIsAVirtualInstruction() {
        Machine m = machine("csrr a0, satp\n", Privilege.SUPERVISOR, true);
        m.hart.hstatus = Hart.HSTATUS_VTVM;
        run(m, 1);
        assertEquals(Cause.VIRTUAL_INSTRUCTION, m.hart.mcause);
        assertEquals(Hart.MSTATUSH_MPV, m.hart.mstatush, "from V=1; instruction bits are no address: GVA 0");
    }

    @Test
    void theGuestKernelSeesItsDelegatedVirtualInterruptsAsSupervisorOnes() {
        Machine m = machine("csrr a0, sie\ncsrr a1, sip\n", Privilege.SUPERVISOR, true);
        m.hart.hideleg = Hart.VSSIP | Hart.VSTIP;
        m.hart.mie = Hart.VSSIP;
        m.hart.writeMip(Hart.VS_INTERRUPTS, Hart.VSSIP | Hart.VSTIP | Hart.VSEIP);
        run(m, 2);
        assertEquals(Hart.SSIP, m.hart.x[10], "vsie: hie's VSSIE, one bit down");
        assertEquals(Hart.SSIP | Hart.STIP, m.hart.x[11], "vsip: only what hideleg delegates (not VSEIP)");
    }

    @Test
    void vuModeTouchingASupervisorCsrIsAVirtualInstruction() {
        Machine m = machine("csrr a0, sstatus\n", Privilege.USER, true);
        run(m, 1);
        assertEquals(Cause.VIRTUAL_INSTRUCTION, m.hart.mcause);
        Machine plainUser = machine("csrr a0, sstatus\n", Privilege.USER, false);
        run(plainUser, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, plainUser.hart.mcause, "without V it stays illegal");
    }
}
