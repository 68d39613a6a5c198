package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vmlab.isa.Assembler;
import vmlab.machine.Machine;

class BytecodeListingTest {

    @Test
    void aGuestLoopIsShownBesideTheJvmBytecodeItBecomes() {
        Machine m = new Machine(1 << 20);
        m.load(Assembler.assemble("""
                    li a0, 0
                    li a1, 100
                loop:
                    add a0, a0, a1
                    addi a1, a1, -1
                    bnez a1, loop
                    j loop
                """).image());
        String listing = BlockCompiler.bytecodeOf(m, m.hart.pc + 8);
        assertTrue(listing.contains("add\ta0,a0,a1"), listing);
        assertTrue(listing.contains("IADD"), listing);
        assertTrue(listing.contains("IF_ICMPNE"), "bnez becomes a JVM compare-and-branch: " + listing);
        assertTrue(listing.contains("extends vmlab/engine/Translation"), listing);
    }
}
