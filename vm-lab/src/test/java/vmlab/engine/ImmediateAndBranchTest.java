package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vmlab.testing.Encode.*;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vmlab.machine.Machine;
import vmlab.testing.Bare;

class ImmediateAndBranchTest {

    /** x1 = a, then one OP-IMM instruction (funct3, imm12 with funct7 bits for shifts) into x2. */
    private static int opImm(int funct3, int imm12, int a) {
        return new Bare().emit(li(1, a)).emit(i(imm12, 1, funct3, 2, 0x13)).run(3).hart.x[2];
    }

    @Test
    void immediatesAreSignExtendedTwelveBitValues() {
        assertEquals(-1, opImm(0, 0xFFF, 0));                 // ADDI x, -1
        assertEquals(1, opImm(2, 0xFFF, -2));                 // SLTI: -2 < -1
        assertEquals(1, opImm(3, 0xFFF, 5));                  // SLTIU: 5 < 0xFFFFFFFF
        assertEquals(0, opImm(3, 0xFFF, -1));                 // SLTIU: not below itself
        assertEquals(0xFFFF_FFF0, opImm(4, 0xF0F, 0x0FF));    // XORI with sign-extended 0xFFFFFF0F
        assertEquals(0xFFFF_FF0F | 0x0FF, opImm(6, 0xF0F, 0x0FF)); // ORI
        assertEquals(0x00F, opImm(7, 0xF0F, 0x0FF));          // ANDI
    }

    @Test
    void immediateShiftsUseTheShamtFieldAndSraiKeepsTheSign() {
        assertEquals(0x8000_0000, opImm(1, 31, 1));           // SLLI 31
        assertEquals(0x0000_0001, opImm(5, 31, 0x8000_0000)); // SRLI 31
        assertEquals(-1, opImm(5, 0x400 | 31, 0x8000_0000));  // SRAI 31
    }

    @Test
    void anRv64OnlyShiftAmountIsIllegalOnRv32() {
        Machine m = new Bare().emit(i(32, 1, 1, 2, 0x13)).run(1); // slli x2, x1, 32 sets imm[5]
        assertEquals(vmlab.machine.Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
    }

    /** 1 if branch(funct3) on a, b is taken: the taken path skips the instruction that sets x3. */
    private static int taken(int funct3, int a, int b) {
        Bare p = new Bare().emit(li(1, a)).emit(li(2, b));
        p.emit(b(8, 2, 1, funct3), addi(3, 0, 1), NOP);
        return p.run(6).hart.x[3] == 0 ? 1 : 0;
    }

    @Test
    void branchesCompareSignedOrUnsigned() {
        assertEquals(1, taken(0, 5, 5));     // BEQ
        assertEquals(0, taken(0, 5, 6));
        assertEquals(1, taken(1, 5, 6));     // BNE
        assertEquals(1, taken(4, -1, 0));    // BLT signed
        assertEquals(0, taken(6, -1, 0));    // BLTU: 0xFFFFFFFF is not below 0
        assertEquals(1, taken(5, 0, -1));    // BGE
        assertEquals(1, taken(7, -1, 0));    // BGEU
    }

    @Test
    void anUnusedBranchFunctIsIllegal() {
        Machine m = new Bare().emit(b(8, 0, 0, 2)).run(1);
        assertEquals(vmlab.machine.Cause.ILLEGAL_INSTRUCTION, m.hart.mcause);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNotebookInterruptStopsAGuestThatNeverEnds() throws InterruptedException {
        Machine m = new Bare().emit(jal(0, 0)).machine();
        AtomicReference<Stop> stop = new AtomicReference<>();
        Thread runner = new Thread(() -> stop.set(new ReferenceInterpreter().run(m, Long.MAX_VALUE)));
        runner.start();
        Thread.sleep(200);
        runner.interrupt();
        runner.join(10_000);
        assertEquals(Stop.INTERRUPTED, stop.get());
    }

}
