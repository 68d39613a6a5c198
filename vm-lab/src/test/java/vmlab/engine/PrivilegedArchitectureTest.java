package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmlab.testing.Encode.*;

import org.junit.jupiter.api.Test;
import vmlab.machine.Cause;
import vmlab.machine.ControlRegisters;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;
import vmlab.testing.Bare;

/** Traps, delegation, xRET, interrupts and the TVM/TW/TSR virtualization traps of the privileged spec. */
class PrivilegedArchitectureTest {
    private static final int HANDLER = Bare.BASE + 0x800;

    private static Machine machine(Bare program, int privilege) {
        Machine m = program.machine();
        m.hart.privilege = privilege;
        m.hart.mtvec = HANDLER;
        m.hart.stvec = HANDLER + 0x100;
        for (int slot = 0; slot < 0x140; slot += 4) { // every handler (and vector slot) spins where it lands
            m.bus.write(HANDLER + slot, 4, jal(0, 0));
        }
        return m;
    }

    private static void run(Machine m, int instructions) {
        new ReferenceInterpreter().run(m, instructions);
    }

    @Test
    void ecallTrapsToMtvecWithACausePerPrivilegeMode() {
        int[] expected = {Cause.ECALL_FROM_U, Cause.ECALL_FROM_S, -1, Cause.ECALL_FROM_M};
        for (int mode : new int[] {Privilege.USER, Privilege.SUPERVISOR, Privilege.MACHINE}) {
            Machine m = machine(new Bare().emit(NOP, ECALL), mode);
            run(m, 2);
            assertEquals(expected[mode], m.hart.mcause, "from " + Privilege.name(mode));
            assertEquals(Bare.BASE + 4, m.hart.mepc);
            assertEquals(HANDLER, m.hart.pc);
            assertEquals(Privilege.MACHINE, m.hart.privilege);
            assertEquals(mode, m.hart.mpp(), "MPP remembers where the trap came from");
        }
    }

    @Test
    void trapEntryStacksMieIntoMpieAndMretRestoresIt() {
        Machine m = machine(new Bare().emit(ECALL), Privilege.MACHINE);
        m.hart.mstatus |= Hart.MSTATUS_MIE;
        run(m, 1);
        assertFalse((m.hart.mstatus & Hart.MSTATUS_MIE) != 0, "MIE cleared on entry");
        assertTrue((m.hart.mstatus & Hart.MSTATUS_MPIE) != 0, "old MIE kept in MPIE");
        m.bus.write(HANDLER, 4, MRET);
        m.hart.mepc = Bare.BASE + 0x40;
        run(m, 1);
        assertEquals(Bare.BASE + 0x40, m.hart.pc);
        assertTrue((m.hart.mstatus & Hart.MSTATUS_MIE) != 0, "MIE restored by mret");
    }

    @Test
    void mretDropsToTheModeInMppAndClearsMprvWhenLeavingMachineMode() {
        Machine m = machine(new Bare().emit(MRET), Privilege.MACHINE);
        m.hart.mepc = Bare.BASE + 0x100;
        m.hart.mstatus = Privilege.SUPERVISOR << Hart.MSTATUS_MPP_SHIFT | Hart.MSTATUS_MPRV;
        run(m, 1);
        assertEquals(Privilege.SUPERVISOR, m.hart.privilege);
        assertEquals(Bare.BASE + 0x100, m.hart.pc);
        assertEquals(0, m.hart.mstatus & Hart.MSTATUS_MPRV);
        assertEquals(Privilege.USER, m.hart.mpp(), "MPP becomes U after mret");
    }

    @Test
    void delegatedExceptionsFromUserModeGoToSupervisorAndSretReturns() {
        Machine m = machine(new Bare().emit(ECALL), Privilege.USER);
        m.hart.medeleg = 1 << Cause.ECALL_FROM_U;
        m.hart.mstatus |= Hart.MSTATUS_SIE;
        run(m, 1);
        assertEquals(Privilege.SUPERVISOR, m.hart.privilege);
        assertEquals(Cause.ECALL_FROM_U, m.hart.scause);
        assertEquals(Bare.BASE, m.hart.sepc);
        assertEquals(HANDLER + 0x100, m.hart.pc);
        assertEquals(0, m.hart.mstatus & Hart.MSTATUS_SPP, "SPP = U");
        assertTrue((m.hart.mstatus & Hart.MSTATUS_SPIE) != 0);
        assertEquals(0, m.hart.mcause, "M-mode saw nothing");
        m.bus.write(HANDLER + 0x100, 4, SRET);
        run(m, 1);
        assertEquals(Privilege.USER, m.hart.privilege);
        assertEquals(Bare.BASE, m.hart.pc);
        assertTrue((m.hart.mstatus & Hart.MSTATUS_SIE) != 0, "SIE restored by sret");
    }

    @Test
    void delegationNeverTakesATrapFromMachineModeDownToSupervisor() {
        Machine m = machine(new Bare().emit(0), Privilege.MACHINE);
        m.hart.medeleg = 0xB3FF;
        run(m, 1);
        assertEquals(Privilege.MACHINE, m.hart.privilege);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
    }

    @Test
    void machineCsrsAreIllegalFromUserAndSupervisorMode() {
        for (int mode : new int[] {Privilege.USER, Privilege.SUPERVISOR}) {
            int insn = csrr(5, ControlRegisters.MSTATUS);
            Machine m = machine(new Bare().emit(insn), mode);
            run(m, 1);
            assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
            assertEquals(insn, m.hart.mtval, "mtval holds the faulting instruction");
        }
    }

    @Test
    void writingAReadOnlyCsrIsIllegalButReadingItWithCsrrsZeroIsNot() {
        Machine m = machine(new Bare().emit(csrr(5, ControlRegisters.MHARTID), csrw(ControlRegisters.MHARTID, 5)),
                Privilege.MACHINE);
        run(m, 2);
        assertEquals(1, m.hart.minstret);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
    }

    @Test
    void sstatusIsAWindowOntoMstatus() {
        Bare p = new Bare().emit(addi(5, 0, -1)).emit(csrw(ControlRegisters.SSTATUS, 5))
                .emit(csrr(6, ControlRegisters.MSTATUS));
        Machine m = machine(p, Privilege.MACHINE);
        run(m, 3);
        assertEquals(ControlRegisters.SSTATUS_MASK, m.hart.x[6]);
    }

    @Test
    void tvmMakesSatpAndSfenceVmaIllegalInSupervisorMode() {
        Machine m = machine(new Bare().emit(csrr(5, ControlRegisters.SATP)), Privilege.SUPERVISOR);
        run(m, 1);
        assertEquals(1, m.hart.minstret, "without TVM, S-mode reads satp");
        m = machine(new Bare().emit(csrr(5, ControlRegisters.SATP)), Privilege.SUPERVISOR);
        m.hart.mstatus |= Hart.MSTATUS_TVM;
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
        m = machine(new Bare().emit(SFENCE_VMA), Privilege.SUPERVISOR);
        m.hart.mstatus |= Hart.MSTATUS_TVM;
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
        assertEquals(SFENCE_VMA, m.hart.mtval);
    }

    @Test
    void twMakesWfiIllegalInSupervisorModeAndWfiIsAlwaysIllegalInUserMode() {
        Machine m = machine(new Bare().emit(WFI), Privilege.SUPERVISOR);
        m.hart.mstatus |= Hart.MSTATUS_TW;
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
        m = machine(new Bare().emit(WFI), Privilege.USER);
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
    }

    @Test
    void tsrMakesSretIllegalInSupervisorMode() {
        Machine m = machine(new Bare().emit(SRET), Privilege.SUPERVISOR);
        m.hart.mstatus |= Hart.MSTATUS_TSR;
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
        assertEquals(SRET, m.hart.mtval);
    }

    @Test
    void mretIsIllegalBelowMachineMode() {
        Machine m = machine(new Bare().emit(MRET), Privilege.SUPERVISOR);
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
    }

    /** A program that arms the CLINT timer {@code delay} ticks ahead, enables MTIE and MIE, then spins. */
    private static Bare timerProgram(int delay, boolean wfi) {
        Bare p = new Bare();
        p.emit(li(1, 0x0200_BFF8)).emit(lw(2, 1, 0));               // x2 = mtime (low word)
        p.emit(li(5, delay)).emit(add(2, 2, 5));
        p.emit(li(3, 0x0200_4000)).emit(sw(0, 3, 4), sw(2, 3, 0));  // mtimecmp = mtime + delay
        p.emit(addi(4, 0, Hart.MTIP)).emit(csrw(ControlRegisters.MIE, 4));
        p.emit(csr(6, 0, ControlRegisters.MSTATUS, Hart.MSTATUS_MIE)); // csrsi mstatus, MIE
        p.emit(wfi ? WFI : NOP, jal(0, 0));                          // spin
        return p;
    }

    @Test
    void theClintTimerInterruptsWhenMtimeReachesMtimecmp() {
        Machine m = machine(timerProgram(200, false), Privilege.MACHINE);
        run(m, 150);
        assertEquals(0, m.hart.mcause, "not yet");
        run(m, 100);
        assertEquals(Cause.MACHINE_TIMER_INTERRUPT, m.hart.mcause);
        assertEquals(HANDLER, m.hart.pc, "spinning in the handler");
        assertEquals(1, m.counters.traps(Cause.MACHINE_TIMER_INTERRUPT));
    }

    @Test
    void wfiSleepsUntilTheTimerWithoutBurningInstructions() {
        Machine m = machine(timerProgram(1_000_000, true), Privilege.MACHINE);
        run(m, 20);
        assertEquals(Cause.MACHINE_TIMER_INTERRUPT, m.hart.mcause);
        assertTrue(m.hart.mcycle <= 20, "20 instructions ran...");
        assertTrue(m.clint.mtime() >= 1_000_000, "...while a million ticks of time passed");
    }

    @Test
    void wfiWithNothingToWakeItStopsTheRunAndSaysSo() {
        Machine m = machine(new Bare().emit(WFI), Privilege.MACHINE);
        assertEquals(Stop.WAITING_FOREVER, new ReferenceInterpreter().run(m, 100));
    }

    @Test
    void vectoredMtvecSendsInterruptsToBasePlusFourTimesCauseButExceptionsToBase() {
        Machine m = machine(timerProgram(50, false), Privilege.MACHINE);
        m.hart.mtvec = HANDLER | 1;
        run(m, 200);
        assertEquals(Cause.MACHINE_TIMER_INTERRUPT, m.hart.mcause);
        assertEquals(HANDLER + 4 * 7, m.hart.pc);
        Machine e = machine(new Bare().emit(ECALL), Privilege.MACHINE);
        e.hart.mtvec = HANDLER | 1;
        run(e, 1);
        assertEquals(HANDLER, e.hart.pc);
    }

    @Test
    void softwareInterruptOutranksTimerInterrupt() {
        Machine m = machine(new Bare().emit(NOP, NOP), Privilege.MACHINE);
        m.hart.mie = Hart.MTIP | Hart.MSIP;
        m.hart.mstatus |= Hart.MSTATUS_MIE;
        m.clint.mtimecmp = 0;                    // timer due
        m.bus.write(0x0200_0000, 4, 1);          // msip
        run(m, 1);
        assertEquals(Cause.MACHINE_SOFTWARE_INTERRUPT, m.hart.mcause);
    }

    @Test
    void delegatedSupervisorTimerInterruptIsTakenInSupervisorModeOnlyWhenEnabled() {
        Machine m = machine(new Bare().emit(NOP, NOP, NOP), Privilege.SUPERVISOR);
        m.hart.mideleg = Hart.STIP;
        m.hart.mie = Hart.STIP;
        m.hart.mip = Hart.STIP;
        run(m, 1);
        assertEquals(0, m.hart.scause, "SIE is clear: S-mode ignores it");
        m.hart.mstatus |= Hart.MSTATUS_SIE;
        run(m, 1);
        assertEquals(Cause.SUPERVISOR_TIMER_INTERRUPT, m.hart.scause);
        assertEquals(Privilege.SUPERVISOR, m.hart.privilege);
    }

    @Test
    void machineLevelInterruptsAreAlwaysEnabledBelowMachineMode() {
        Machine m = machine(new Bare().emit(NOP, NOP), Privilege.USER);
        m.hart.mie = Hart.MSIP;
        m.bus.write(0x0200_0000, 4, 1);
        run(m, 1);
        assertEquals(Cause.MACHINE_SOFTWARE_INTERRUPT, m.hart.mcause, "MIE=0 does not mask it in U-mode");
    }

    @Test
    void userModeCannotReadCountersUnlessMcounterenAndScounterenAllowIt() {
        Machine m = machine(new Bare().emit(csrr(5, ControlRegisters.CYCLE)), Privilege.USER);
        run(m, 1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
        m = machine(new Bare().emit(csrr(5, ControlRegisters.INSTRET)), Privilege.USER);
        m.hart.mcounteren = 7;
        m.hart.scounteren = 7;
        m.hart.minstret = 41;
        run(m, 1);
        assertEquals(41, m.hart.x[5]);
    }

    @Test
    void jumpingIntoAHoleWithNoTrapHandlerStopsTheMachineWithADoubleFault() {
        Machine m = new Bare().emit(jalr(0, 0, 0x100)).machine();
        Stop stop = new ReferenceInterpreter().run(m, 1000);
        assertEquals(Stop.EXITED, stop);
        assertEquals(Machine.DOUBLE_FAULT_STATUS, m.exitCode());
        assertTrue(m.exitReason().contains("instruction access fault"), m.exitReason());
    }
}
