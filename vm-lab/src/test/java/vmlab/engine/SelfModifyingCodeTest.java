package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vmlab.isa.Assembler;
import vmlab.isa.Image;
import vmlab.machine.Machine;

/** The bad inputs of a translating engine: code that changes under it, code in data, jumps into the middle of blocks. */
class SelfModifyingCodeTest {
    /** Ends a program: a0 stays for the test to read; the sifive_test device powers the machine off. */
    private static final String POWER_OFF = """
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            hang: j hang
            """;

    private static Supplier<Machine> bare(String source) {
        Image image = Assembler.assemble(source + POWER_OFF).image();
        return () -> {
            Machine m = new Machine(1 << 20);
            m.load(image);
            return m;
        };
    }

    private static Machine runToExit(Supplier<Machine> program, Engine engine) {
        Machine m = program.get();
        assertEquals(Stop.EXITED, engine.run(m, 50_000_000));
        return m;
    }

    private static void agreesWithReference(Supplier<Machine> program) {
        for (Engine engine : new Engine[] {new FastInterpreter(), new BlockCompiler()}) {
            Lockstep.Result r = Lockstep.of(program, engine).limit(5_000_000).run();
            assertTrue(r.agreed(), r.toString());
        }
    }

    /** Runs `addi a0,a0,1` hot (so it is compiled), patches it into `addi a0,a0,100`, runs it again. */
    private static final String PATCH_A_HOT_LOOP = """
                li a0, 0
                li s0, 2
            round:
                li s1, 500
            loop:
            patch:
                addi a0, a0, 1
                addi s1, s1, -1
                bnez s1, loop
                la t0, patch
                lw t1, 0(t0)
                li t2, 0x06300000       # imm 1 -> 100: add 99 << 20 to the word
                add t1, t1, t2
                sw t1, 0(t0)
                fence.i
                addi s0, s0, -1
                bnez s0, round
            """;

    @Test
    void aPatchedHotLoopRunsItsNewInstructionOnEveryEngine() {
        Supplier<Machine> program = bare(PATCH_A_HOT_LOOP);
        for (Engine engine : new Engine[] {new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler()}) {
            assertEquals(500 + 500 * 100, runToExit(program, engine).hart.x[10], engine.name());
        }
        agreesWithReference(program);
    }

    @Test
    void thePatchInvalidatesTheTranslationOfTheLoop() {
        Machine m = runToExit(bare(PATCH_A_HOT_LOOP), new BlockCompiler());
        TranslationStatistics s = BlockCompiler.statistics(m);
        assertTrue(s.regionsCompiled() > 0, s.toString());
        assertTrue(s.invalidations() > 0, s.toString());
    }

    @Test
    void codeWrittenIntoADataPageRuns() {
        // Copies a two-instruction function (a0 += 7; ret) into .data, 300 times calls it, then rewrites it to a0 += 1.
        Supplier<Machine> program = bare("""
                    la t0, template
                    la t1, buffer
                    lw t2, 0(t0)
                    sw t2, 0(t1)
                    lw t2, 4(t0)
                    sw t2, 4(t1)
                    li a0, 0
                    li s1, 300
                call7:
                    jalr ra, 0(t1)
                    addi s1, s1, -1
                    bnez s1, call7
                    li t2, 0x00150513       # addi a0, a0, 1
                    sw t2, 0(t1)
                    jalr ra, 0(t1)
                    j done
                template:
                    addi a0, a0, 7
                    ret
                done:
                    nop
                    .data
                    .align 12
                buffer:
                    .space 64
                    .text
                """);
        assertEquals(300 * 7 + 1, runToExit(program, new BlockCompiler()).hart.x[10]);
        agreesWithReference(program);
    }

    @Test
    void jumpingIntoTheMiddleOfATranslatedBlockRunsOnlyItsTail() {
        Supplier<Machine> program = bare("""
                    li a0, 0
                    li s1, 400
                    la s2, middle
                    li s3, 1
                hot:
                    addi a0, a0, 1
                middle:
                    addi a0, a0, 10
                    addi s1, s1, -1
                    bnez s1, hot
                    beqz s3, out
                    li s3, 0
                    li s1, 1
                    jalr zero, 0(s2)     # once more, into the middle of the hot block
                out:
                    nop
                """);
        assertEquals(400 * 11 + 10, runToExit(program, new BlockCompiler()).hart.x[10]);
        agreesWithReference(program);
    }

    @Test
    void aGuestRewritingItsCodePageInALoopKeepsTheCacheSmall() {
        // Each round rewrites the immediate of `addi a0,a0,k` with the round number, then runs it.
        Supplier<Machine> program = bare("""
                    li a0, 0
                    li s1, 1000
                    la s2, patch
                    lw s3, 0(s2)
                    li t3, 0x000fffff
                    and s3, s3, t3       # the word without its immediate
                round:
                    slli t0, s1, 20
                    or t0, t0, s3
                    sw t0, 0(s2)
                patch:
                    addi a0, a0, 0
                    addi s1, s1, -1
                    bnez s1, round
                """);
        Machine m = runToExit(program, new BlockCompiler());
        assertEquals(1000 * 1001 / 2, m.hart.x[10]);
        TranslationStatistics s = BlockCompiler.statistics(m);
        assertTrue(s.regionsCompiled() <= 2L * BlockCompiler.VOLATILE, "the page should stop being compiled: " + s);
        agreesWithReference(program);
    }
}
