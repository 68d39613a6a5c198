package vmlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmlab.machine.Mmu.*;
import static vmlab.testing.Encode.*;

import org.junit.jupiter.api.Test;
import vmlab.engine.ReferenceInterpreter;
import vmlab.testing.Bare;

/** Sv32 walks with page tables written by hand: permissions, A/D bits, SUM, MXR, MPRV, megapages and fault causes. */
class Sv32PagingTest {
    private static final int ROOT = 0x8008_0000, LEAF_TABLE = 0x8008_1000;
    private static final int PAGE_A = 0x8009_0000, PAGE_B = 0x8009_2000;
    private static final int VA = 0x0040_0000;
    private static final int HANDLER = Bare.BASE + 0x800;

    /** A machine whose code runs at 0x80000000 through an identity megapage, with VA..VA+8K mapped to pages A and B. */
    private static Machine paged(Bare program, int mode, int codePermissions, int pageAPermissions, int pageBPermissions) {
        Machine m = program.machine();
        m.bus.write(ROOT + 4 * 0x200, 4, (0x80000 << 10) | codePermissions | PTE_V);   // 0x80000000 megapage
        m.bus.write(ROOT + 4 * 1, 4, (LEAF_TABLE >>> 12) << 10 | PTE_V);              // VA's level-1 entry
        m.bus.write(LEAF_TABLE, 4, (PAGE_A >>> 12) << 10 | pageAPermissions);
        m.bus.write(LEAF_TABLE + 4, 4, (PAGE_B >>> 12) << 10 | pageBPermissions);
        m.bus.write(PAGE_A, 4, 0x1234_5678);
        m.bus.write(PAGE_B, 4, 0x9ABC_DEF0);
        m.hart.satp = 0x8000_0000 | (ROOT >>> 12);
        m.hart.privilege = mode;
        m.hart.mtvec = HANDLER;
        m.bus.write(HANDLER, 4, jal(0, 0));
        return m;
    }

    private static int pte(Machine m, int index) {
        return (int) m.bus.read(LEAF_TABLE + 4 * index, 4);
    }

    private static Bare loadFrom(int va) {
        return new Bare().emit(li(1, va)).emit(lw(2, 1, 0));
    }

    private static void run(Machine m, int n) {
        new ReferenceInterpreter().run(m, n);
    }

    private static final int USER_CODE = PTE_R | PTE_X | PTE_U | PTE_A;
    private static final int KERNEL_CODE = PTE_R | PTE_X | PTE_A;

    @Test
    void userLoadsGoThroughThePageTableAndSetTheAccessedBit() {
        Machine m = paged(loadFrom(VA), Privilege.USER, USER_CODE, PTE_V | PTE_R | PTE_W | PTE_U, 0);
        run(m, 3);
        assertEquals(0x1234_5678, m.hart.x[2]);
        assertTrue((pte(m, 0) & PTE_A) != 0, "A set by the walk");
        assertEquals(0, pte(m, 0) & PTE_D, "D stays clear after a load");
    }

    @Test
    void aStoreSetsTheDirtyBit() {
        Machine m = paged(new Bare().emit(li(1, VA)).emit(sw(1, 1, 8)), Privilege.USER, USER_CODE,
                PTE_V | PTE_R | PTE_W | PTE_U, 0);
        run(m, 3);
        assertEquals(VA, (int) m.bus.read(PAGE_A + 8, 4));
        assertEquals(PTE_A | PTE_D, pte(m, 0) & (PTE_A | PTE_D));
    }

    @Test
    void anUnmappedAddressGivesALoadPageFaultWithTheVirtualAddressInMtval() {
        Machine m = paged(loadFrom(0x0080_0010), Privilege.USER, USER_CODE, 0, 0);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
        assertEquals(0x0080_0010, m.hart.mtval);
    }

    @Test
    void storingToAReadOnlyPageIsAStorePageFault() {
        Machine m = paged(new Bare().emit(li(1, VA)).emit(sw(0, 1, 0)), Privilege.USER, USER_CODE,
                PTE_V | PTE_R | PTE_U, 0);
        run(m, 3);
        assertEquals(Cause.STORE_PAGE_FAULT, m.hart.mcause);
        assertEquals(0x1234_5678, (int) m.bus.read(PAGE_A, 4), "nothing written");
    }

    @Test
    void jumpingToANonExecutablePageIsAnInstructionPageFault() {
        Machine m = paged(new Bare().emit(li(1, VA)).emit(jalr(0, 1, 0)), Privilege.USER, USER_CODE,
                PTE_V | PTE_R | PTE_W | PTE_U, 0);
        run(m, 4);
        assertEquals(Cause.INSTRUCTION_PAGE_FAULT, m.hart.mcause);
        assertEquals(VA, m.hart.mtval);
        assertEquals(VA, m.hart.mepc);
    }

    @Test
    void userModeCannotTouchSupervisorPages() {
        Machine m = paged(loadFrom(VA), Privilege.USER, USER_CODE, PTE_V | PTE_R | PTE_W, 0);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
    }

    @Test
    void supervisorModeNeedsSumToReadUserPages() {
        Machine m = paged(loadFrom(VA), Privilege.SUPERVISOR, KERNEL_CODE, PTE_V | PTE_R | PTE_U, 0);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
        m = paged(loadFrom(VA), Privilege.SUPERVISOR, KERNEL_CODE, PTE_V | PTE_R | PTE_U, 0);
        m.hart.mstatus |= Hart.MSTATUS_SUM;
        run(m, 3);
        assertEquals(0x1234_5678, m.hart.x[2]);
    }

    @Test
    void supervisorModeNeverExecutesUserPagesEvenWithSum() {
        Machine m = paged(new Bare().emit(NOP), Privilege.SUPERVISOR, USER_CODE, 0, 0);
        m.hart.mstatus |= Hart.MSTATUS_SUM;
        run(m, 1);
        assertEquals(Cause.INSTRUCTION_PAGE_FAULT, m.hart.mcause);
    }

    @Test
    void mxrLetsLoadsReadExecuteOnlyPages() {
        Machine m = paged(loadFrom(VA), Privilege.SUPERVISOR, KERNEL_CODE, PTE_V | PTE_X, 0);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
        m = paged(loadFrom(VA), Privilege.SUPERVISOR, KERNEL_CODE, PTE_V | PTE_X, 0);
        m.hart.mstatus |= Hart.MSTATUS_MXR;
        run(m, 3);
        assertEquals(0x1234_5678, m.hart.x[2]);
    }

    @Test
    void mprvMakesMachineModeLoadsTranslateWithMppPrivilege() {
        Machine m = paged(loadFrom(VA), Privilege.MACHINE, KERNEL_CODE, PTE_V | PTE_R, 0);
        m.hart.mstatus |= Hart.MSTATUS_MPRV | Privilege.SUPERVISOR << Hart.MSTATUS_MPP_SHIFT;
        run(m, 3);
        assertEquals(0x1234_5678, m.hart.x[2], "fetches stay physical, the load is translated");
    }

    @Test
    void machineModeIgnoresSatp() {
        Machine m = paged(loadFrom(PAGE_A), Privilege.MACHINE, 0, 0, 0);
        run(m, 3);
        assertEquals(0x1234_5678, m.hart.x[2]);
    }

    @Test
    void aMisalignedWordAcrossTwoPagesIsStitchedFromBoth() {
        Machine m = paged(loadFrom(VA + 0xFFE), Privilege.USER, USER_CODE, PTE_V | PTE_R | PTE_U,
                PTE_V | PTE_R | PTE_U);
        m.bus.write(PAGE_A + 0xFFC, 4, 0xBBAA_0000);
        run(m, 3);
        assertEquals(0xDEF0_BBAA, m.hart.x[2]);
    }

    @Test
    void aMisalignedAccessFaultsIfTheSecondPageIsMissing() {
        Machine m = paged(loadFrom(VA + 0xFFE), Privilege.USER, USER_CODE, PTE_V | PTE_R | PTE_U, 0);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
    }

    @Test
    void writeWithoutReadIsAReservedEncodingAndFaults() {
        Machine m = paged(loadFrom(VA), Privilege.USER, USER_CODE, PTE_V | PTE_W | PTE_U, 0);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
    }

    @Test
    void aMegapageWhosePhysicalPageNumberIsNotAlignedFaults() {
        Machine m = paged(loadFrom(0x00C0_0000), Privilege.USER, USER_CODE, 0, 0);
        m.bus.write(ROOT + 4 * 3, 4, (0x80001 << 10) | PTE_V | PTE_R | PTE_U);
        run(m, 3);
        assertEquals(Cause.LOAD_PAGE_FAULT, m.hart.mcause);
    }

    @Test
    void aPageTableOutsideRamGivesAnAccessFaultNotAPageFault() {
        Machine m = paged(loadFrom(0x0080_0000), Privilege.USER, USER_CODE, 0, 0);
        m.bus.write(ROOT + 4 * 2, 4, (0x40000 << 10) | PTE_V); // next level at 0x40000000: a hole
        run(m, 3);
        assertEquals(Cause.LOAD_ACCESS_FAULT, m.hart.mcause);
    }
}
