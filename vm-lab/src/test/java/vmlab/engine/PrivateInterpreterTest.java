package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vmlab.machine.Machine;
import vmlab.testing.Bare;

/**
 * A machine that runs long in the fast interpreter gets private copies of the interpreter class (see
 * {@link PrivateInterpreter}); the copies must compute exactly what the shared class computes.
 */
class PrivateInterpreterTest {

    /** About 40 million instructions of arithmetic, loads, stores and branches, the rare M operations included. */
    private static final String LONG_LOOP = """
                li s0, 4000000
                li a0, 1
                la s1, buffer
            loop:
                sw a0, 0(s1)
                lw a1, 0(s1)
                mulh a2, a1, s0
                div a3, a1, s0
                rem a4, a0, s0
                add a0, a0, a2
                xor a0, a0, a3
                add a0, a0, a4
                addi s0, s0, -1
                bnez s0, loop
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            hang: j hang
                .align 4
            buffer:
                .space 16
            """;

    /** Runs {@code source} on the reference interpreter and on {@code engine}; both must exit in the same state. */
    private static Machine sameAsTheReference(String source, Engine engine, long limit) {
        Supplier<Machine> program = Bare.assembled(source);
        Machine reference = program.get();
        assertEquals(Stop.EXITED, new ReferenceInterpreter().run(reference, limit));
        Machine fast = program.get();
        assertEquals(Stop.EXITED, engine.run(fast, limit));
        assertArrayEquals(reference.hart.x, fast.hart.x, "registers");
        assertEquals(reference.hart.minstret, fast.hart.minstret, "instructions retired");
        assertEquals(reference.hart.pc, fast.hart.pc, "pc");
        return fast;
    }

    @Test
    void aLongRunGetsItsOwnCopiesOfTheInterpreterAndTheSameResults() {
        Machine machine = sameAsTheReference(LONG_LOOP, new FastInterpreter(), 100_000_000);
        assertTrue(machine.hart.minstret > PrivateInterpreter.AFTER_INSTRUCTIONS,
                "the program ran long enough to earn a copy: " + machine.hart.minstret);
        EngineCache cache = EngineCache.of(machine);
        assertEquals(1, cache.privateCopies(), "one copy at 30 million instructions, the next only at 240 million");
        assertTrue(cache.interpreter().getClass().isHidden(), "the copy is a hidden class");
        assertTrue(cache.interpreter().getClass() != PageInterpreter.class);
    }

    @Test
    void copiesAreUnloadedWithTheirMachines() throws InterruptedException {
        Supplier<Machine> program = Bare.assembled(LONG_LOOP);
        List<WeakReference<Class<?>>> copies = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Machine m = program.get();
            assertEquals(Stop.EXITED, new FastInterpreter().run(m, 100_000_000));
            copies.add(new WeakReference<>(EngineCache.of(m).interpreter().getClass()));
        }
        for (int k = 0; k < 20 && copies.stream().anyMatch(c -> c.get() != null); k++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(copies.stream().allMatch(c -> c.get() == null), "every copy was unloaded once its machine was gone");
    }

    @Test
    void aShortRunStaysOnTheSharedClass() {
        Machine machine = sameAsTheReference(LONG_LOOP.replace("li s0, 4000000", "li s0, 1000"),
                new FastInterpreter(), 1_000_000);
        EngineCache cache = EngineCache.of(machine);
        assertEquals(0, cache.privateCopies());
        assertSame(PageInterpreter.class, cache.interpreter().getClass());
    }

    @Test
    void theBlockCompilerDoesNotCountTowardsACopy() {
        Machine machine = sameAsTheReference(LONG_LOOP, new BlockCompiler(), 100_000_000);
        assertEquals(0, EngineCache.of(machine).privateCopies(), "its interpreter only runs cold code");
    }

    /**
     * After a page's last word the next instruction is on the next page, which the interpreter must fetch anew rather
     * than run the same page's first word. (A version that ran divisions outside the hot loop got this wrong.)
     */
    @Test
    void aDivideOnThePagesLastWordContinuesOnTheNextPage() {
        Machine machine = sameAsTheReference("""
                    li a0, 100
                    li a1, 7
                    j tail
                    .align 12
                    .space 4084
                tail:
                    li a2, 3                 # 0x...ff4
                    li a3, 5                 # 0x...ff8
                    div a4, a0, a1           # 0x...ffc, the page's last word
                    addi a4, a4, 1           # the next page
                    li t0, 0x100000
                    li t1, 0x5555
                    sw t1, 0(t0)
                hang: j hang
                """, new FastInterpreter(), 1_000_000);
        assertEquals(15, machine.hart.x[14], "100 / 7 + 1 in a4");
    }
}
