package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vmlab.isa.Assembler;
import vmlab.machine.Machine;
import vmlab.testing.Bare;

/** One TLB test for several accesses through one base register: which accesses share it, and that sharing stays exact. */
class SamePageAccessesTest {

    /** The block's words predecoded, as the block compiler sees them. */
    private static SamePageAccesses groupsOf(String source) {
        byte[] bytes = Assembler.assemble(source).image().segments().get(0).bytes();
        ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = bytes.length / 4;
        int[] ops = new int[CodePage.WORDS], imms = new int[CodePage.WORDS];
        for (int k = 0; k < n; k++) {
            int insn = words.getInt(4 * k);
            ops[k] = Predecoder.decode(insn);
            imms[k] = Predecoder.immediate(insn, ops[k]);
        }
        return new SamePageAccesses(ops, imms, 0, n - 1);
    }

    @Test
    void aPrologueSavingRegistersTestsTheTlbOnceForAllItsStores() {
        SamePageAccesses g = groupsOf("""
                sw s0, 8(sp)
                li a5, 1
                sw ra, 12(sp)
                sw s1, 4(sp)
                """);
        assertTrue(g.leads(0));
        assertTrue(g.hasFollowers(0));
        assertFalse(g.leads(2));
        assertFalse(g.leads(3));
        assertEquals(4, g.lowestOffset(0), "the test starts at the lowest offset, 4(sp)");
        assertEquals(12, g.span(0), "and covers 4(sp) to the last byte of 12(sp)");
        assertEquals(8, g.offsetInGroup(2));
        assertEquals(0, g.offsetInGroup(3));
    }

    @Test
    void loadsAndStoresAndOtherBasesAndAChangedBaseStartNewGroups() {
        SamePageAccesses g = groupsOf("""
                sw s0, 8(sp)
                lw a0, 0(sp)
                sw s1, 0(a1)
                sw s2, 12(sp)
                addi sp, sp, -16
                sw s3, 0(sp)
                lw sp, 4(sp)
                lw a2, 8(sp)
                """);
        assertTrue(g.leads(0));
        assertTrue(g.leads(1), "a load uses the read TLB, another group");
        assertTrue(g.leads(2), "another base register");
        assertTrue(g.leads(3), "a group is a run of accesses: the ones between ended the first");
        assertTrue(g.leads(5), "sp changed at word 4");
        assertTrue(g.leads(6));
        assertTrue(g.leads(7), "the load at word 6 wrote sp");
    }

    /**
     * A hot loop whose stores and loads through t0 straddle a page boundary on some iterations: the group's test fails
     * there, the translation leaves before the group and the interpreter does it, access by access.
     */
    private static final String STRADDLING_LOOP = """
                li a0, 0
                li s0, 400
                la t0, buffer
                addi t0, t0, -64       # start below the page boundary, end above it
            loop:
                sw s0, 0(t0)
                sw a0, 4(t0)
                lw a1, 0(t0)
                lw a2, 4(t0)
                add a0, a0, a1
                xor a0, a0, a2
                addi t0, t0, 4         # at buffer - 4, the two words lie on two pages
                addi s0, s0, -1
                bnez s0, loop
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            hang: j hang
                .align 12
            buffer:
                .space 4096
            """;

    /**
     * Loads in pairs marching up to the end of RAM: the last pair's second word is outside it, a load access fault
     * that the handler counts and skips. A group test that forgot the group's end would read past RAM instead.
     */
    private static final String PAIRS_UP_TO_THE_END_OF_RAM = """
                la t0, handler
                csrw mtvec, t0
                li s1, 0               # faults seen
                li a0, 0
                li s0, 300
            round:
                li t0, 0x800fff00      # RAM (1 MiB) ends at 0x80100000
            pairs:
                lw a1, 0(t0)
                lw a2, 4(t0)
                add a0, a0, a1
                add a0, a0, a2
                addi t0, t0, 4
                li t1, 0x80100000
                bne t0, t1, pairs
                addi s0, s0, -1
                bnez s0, round
                add a0, a0, s1
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            hang: j hang
            handler:
                addi s1, s1, 1
                csrr t2, mepc
                addi t2, t2, 4
                csrw mepc, t2
                mret
            """;

    @Test
    void aGroupReachingPastTheEndOfRamFaultsWhereTheReferenceFaults() {
        Machine compiled = agreesWithTheReference(PAIRS_UP_TO_THE_END_OF_RAM);
        assertEquals(300, compiled.hart.x[9], "one load access fault per round, at the last pair");
    }

    @Test
    void accessesStraddlingAPageRunExactlyAsOnTheReferenceInterpreter() {
        agreesWithTheReference(STRADDLING_LOOP);
    }

    /** Runs the program on the reference interpreter and the block compiler, then in lockstep; the compiled machine. */
    private static Machine agreesWithTheReference(String source) {
        Supplier<Machine> program = Bare.assembled(source);
        Machine reference = program.get();
        assertEquals(Stop.EXITED, new ReferenceInterpreter().run(reference, 10_000_000));
        Machine compiled = program.get();
        assertEquals(Stop.EXITED, new BlockCompiler().run(compiled, 10_000_000));
        assertEquals(reference.hart.x[10], compiled.hart.x[10], "the checksum in a0");
        assertTrue(BlockCompiler.statistics(compiled).regionsCompiled() > 0, "the loop was hot enough to compile");
        Lockstep.Result r = Lockstep.of(program, new BlockCompiler()).limit(10_000_000).run();
        assertTrue(r.agreed(), r.toString());
        return compiled;
    }
}
