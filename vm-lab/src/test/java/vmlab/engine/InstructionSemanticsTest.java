package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vmlab.testing.Encode.*;

import org.junit.jupiter.api.Test;
import vmlab.machine.Cause;
import vmlab.machine.Machine;
import vmlab.testing.Bare;

class InstructionSemanticsTest {

    /** Loads a and b into x1, x2, runs one R-type op into x3 and returns x3. */
    private static int binary(int funct7, int funct3, int a, int b) {
        Bare p = new Bare().emit(li(1, a)).emit(li(2, b)).emit(op(funct7, funct3, 3, 1, 2));
        return p.run(5).hart.x[3];
    }

    @Test
    void addAndSubWrapAroundLikeTwoComplementHardware() {
        assertEquals(Integer.MIN_VALUE, binary(0, 0, Integer.MAX_VALUE, 1));
        assertEquals(Integer.MAX_VALUE, binary(0x20, 0, Integer.MIN_VALUE, 1));
    }

    @Test
    void shiftsUseOnlyTheLowFiveBitsOfTheAmount() {
        assertEquals(2, binary(0, 1, 1, 33));                       // SLL by 33 = by 1
        assertEquals(0x7FFF_FFFF, binary(0, 5, -1, 1));            // SRL
        assertEquals(-1, binary(0x20, 5, -1, 31));                 // SRA keeps the sign
    }

    @Test
    void setLessThanComparesSignedOrUnsigned() {
        assertEquals(1, binary(0, 2, -1, 0));                      // SLT: -1 < 0
        assertEquals(0, binary(0, 3, -1, 0));                      // SLTU: 0xFFFFFFFF > 0
    }

    @Test
    void multiplyHighHalvesFollowTheOperandSignedness() {
        assertEquals(-1, binary(1, 1, -1, 1));                     // MULH(-1, 1) = high of -1 = -1
        assertEquals(0, binary(1, 3, -1, 1));                      // MULHU: 0xFFFFFFFF * 1 fits in 32 bits
        assertEquals(-1, binary(1, 2, -1, 1));                     // MULHSU: signed -1 times unsigned 1
        assertEquals(0xFFFF_FFFE, binary(1, 3, -1, -1));           // MULHU: (2^32-1)^2 >> 32
    }

    @Test
    void divisionByZeroGivesAllOnesAndRemainderTheDividend() {
        assertEquals(-1, binary(1, 4, 7, 0));                      // DIV
        assertEquals(-1, binary(1, 5, 7, 0));                      // DIVU
        assertEquals(7, binary(1, 6, 7, 0));                       // REM
        assertEquals(7, binary(1, 7, 7, 0));                       // REMU
    }

    @Test
    void signedDivisionOverflowGivesTheDividendAndZeroRemainder() {
        assertEquals(Integer.MIN_VALUE, binary(1, 4, Integer.MIN_VALUE, -1));
        assertEquals(0, binary(1, 6, Integer.MIN_VALUE, -1));
    }

    @Test
    void divisionRoundsTowardZero() {
        assertEquals(-2, binary(1, 4, -7, 3));
        assertEquals(-1, binary(1, 6, -7, 3));
        assertEquals(0x5555_5553, binary(1, 5, -7, 3));            // DIVU: 0xFFFFFFF9 / 3
    }

    @Test
    void registerZeroIgnoresWrites() {
        Machine m = new Bare().emit(addi(0, 0, 5), add(1, 0, 0)).run(2);
        assertEquals(0, m.hart.x[0]);
        assertEquals(0, m.hart.x[1]);
    }

    @Test
    void luiAuipcAndJalComputeFromThePc() {
        Machine m = new Bare().emit(lui(1, 0x12345), auipc(2, 1), jal(3, 8), NOP, addi(4, 0, 1)).run(4);
        assertEquals(0x1234_5000, m.hart.x[1]);
        assertEquals(Bare.BASE + 4 + 0x1000, m.hart.x[2]);
        assertEquals(Bare.BASE + 12, m.hart.x[3]);
        assertEquals(1, m.hart.x[4]);
    }

    @Test
    void jalrClearsTheLowBitOfTheTarget() {
        Machine m = new Bare().emit(auipc(1, 0), jalr(2, 1, 13), NOP, addi(5, 0, 9)).run(3);
        assertEquals(9, m.hart.x[5]);
        assertEquals(Bare.BASE + 8, m.hart.x[2]);
    }

    @Test
    void takenBranchToAMisalignedTargetTraps() {
        Machine m = new Bare().emit(b(6, 0, 0, 0)).run(1);         // beq x0, x0, +6
        assertEquals(Cause.INSTRUCTION_MISALIGNED, m.hart.mcause);
        assertEquals(Bare.BASE + 6, m.hart.mtval);
        assertEquals(Bare.BASE, m.hart.mepc);
    }

    @Test
    void loadsSignOrZeroExtend() {
        Bare p = new Bare();
        p.emit(li(1, 0x8000_1000)).emit(li(2, 0x8080_80F0)).emit(sw(2, 1, 0));
        p.emit(load(0, 3, 1, 0), load(4, 4, 1, 0), load(1, 5, 1, 0), load(5, 6, 1, 0), lw(7, 1, 0));
        Machine m = p.run(10);
        assertEquals(0xFFFF_FFF0, m.hart.x[3]);                    // LB
        assertEquals(0xF0, m.hart.x[4]);                           // LBU
        assertEquals(0xFFFF_80F0, m.hart.x[5]);                    // LH
        assertEquals(0x80F0, m.hart.x[6]);                         // LHU
        assertEquals(0x8080_80F0, m.hart.x[7]);                    // LW
    }

    @Test
    void misalignedLoadsAndStoresWorkAsTheSpecPermits() {
        Bare p = new Bare();
        p.emit(li(1, 0x8000_1001)).emit(li(2, 0x1122_3344)).emit(sw(2, 1, 0), lw(3, 1, 0), load(1, 4, 1, 1));
        Machine m = p.run(7);
        assertEquals(0x1122_3344, m.hart.x[3]);
        assertEquals(0x2233, m.hart.x[4]);
        assertEquals(0L, m.counters.totalTraps());
    }

    @Test
    void aLoadFromAHoleIsALoadAccessFaultWithTheAddressInMtval() {
        Machine m = new Bare().emit(li(1, 0x4000_0000)).emit(lw(2, 1, 4)).run(3);
        assertEquals(Cause.LOAD_ACCESS_FAULT, m.hart.mcause);
        assertEquals(0x4000_0004, m.hart.mtval);
    }

    @Test
    void illegalInstructionPutsTheInstructionBitsInMtval() {
        Machine m = new Bare().emit(0xFFFF_FFFF).run(1);
        assertEquals(Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
        assertEquals(0xFFFF_FFFF, m.hart.mtval);
        assertEquals(1, m.counters.traps(Cause.ILLEGAL_INSTRUCTION));
    }

    @Test
    void amosReturnTheOldValueAndStoreTheCombination() {
        int[][] cases = { // funct5, memory, operand, expected memory
                {0b00001, 5, 9, 9}, {0b00000, 5, 9, 14}, {0b00100, 6, 3, 5}, {0b01100, 6, 3, 2}, {0b01000, 6, 3, 7},
                {0b10000, -5, 3, -5}, {0b10100, -5, 3, 3}, {0b11000, -5, 3, 3}, {0b11100, -5, 3, -5}};
        for (int[] c : cases) {
            Bare p = new Bare();
            p.emit(li(1, 0x8000_1000)).emit(li(2, c[1])).emit(sw(2, 1, 0)).emit(li(3, c[2]));
            p.emit(amo(c[0], 4, 1, 3), lw(5, 1, 0));
            Machine m = p.run(9);
            assertEquals(c[1], m.hart.x[4], "old value, funct5 " + Integer.toBinaryString(c[0]));
            assertEquals(c[3], m.hart.x[5], "memory, funct5 " + Integer.toBinaryString(c[0]));
        }
    }

    @Test
    void storeConditionalSucceedsOnlyAfterAMatchingLoadReserved() {
        Bare p = new Bare();
        p.emit(li(1, 0x8000_1000)).emit(addi(2, 0, 42));
        p.emit(amo(0b00011, 3, 1, 2));                             // sc.w without reservation: fails (1)
        p.emit(amo(0b00010, 4, 1, 0));                             // lr.w
        p.emit(amo(0b00011, 5, 1, 2));                             // sc.w: succeeds (0)
        p.emit(amo(0b00011, 6, 1, 2));                             // again: the reservation is gone (1)
        p.emit(lw(7, 1, 0));
        Machine m = p.run(8);
        assertEquals(1, m.hart.x[3]);
        assertEquals(0, m.hart.x[5]);
        assertEquals(1, m.hart.x[6]);
        assertEquals(42, m.hart.x[7]);
    }

    @Test
    void misalignedAmoIsAStoreAddressMisalignedTrap() {
        Machine m = new Bare().emit(li(1, 0x8000_1002)).emit(amo(0, 2, 1, 0)).run(3);
        assertEquals(Cause.STORE_MISALIGNED, m.hart.mcause);
        assertEquals(0x8000_1002, m.hart.mtval);
    }

    @Test
    void retiredInstructionsAndCyclesAreCounted() {
        Machine m = new Bare().emit(NOP, NOP, NOP, 0).run(4);
        assertEquals(3, m.hart.minstret);                          // the illegal word traps: not retired
        assertEquals(4, m.hart.mcycle);
    }
}
