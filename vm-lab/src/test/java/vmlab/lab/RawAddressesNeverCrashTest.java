package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.isa.Assembler;
import vmlab.isa.Image;
import vmlab.machine.Bus;
import vmlab.machine.Machine;

/**
 * Every public lab type, given raw and out-of-range addresses, answers with a fault value, an exception or a guest
 * trap, never by crashing the JVM (a crash would end this test run). The classes that touch memory without bounds
 * checks are not public, so a notebook cell cannot name them.
 */
class RawAddressesNeverCrashTest {

    private static final int[] WILD = {0, 1, 0x7FFF_FFFC, 0x7FFF_FFFF, Bus.RAM_BASE - 1, Bus.RAM_BASE - 4,
            Bus.RAM_BASE + (1 << 20) - 2, Bus.RAM_BASE + (1 << 20), 0xFFFF_FFFC, 0xFFFF_FFFF, Integer.MIN_VALUE + (64 << 20)};
    private static final int[] SIZES = {-1, 0, 1, 2, 3, 4, 5, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE};

    /** Runs the call; an exception is an acceptable answer, only a dead JVM is not. */
    private static void survives(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // A clear Java exception: the kernel reports it as a failed cell.
        }
    }

    @Test
    void theRawMemoryClassesOfTheBlockCompilerAreNotPublic() throws ClassNotFoundException {
        for (String name : List.of("TranslatedMemory", "BlockContext", "Translation", "Tlb", "EngineCache")) {
            Class<?> c = Class.forName("vmlab.engine." + name);
            assertFalse(Modifier.isPublic(c.getModifiers()), name + " must not be reachable from a notebook cell");
        }
    }

    @Test
    void theBusFaultsOrThrowsOnEveryWildAddressAndSize() {
        Bus bus = new Machine(1 << 20).bus;
        byte[] buffer = new byte[16];
        for (int address : WILD) {
            for (int size : SIZES) {
                survives(() -> bus.read(address, size));
                survives(() -> bus.write(address, size, 0x5A5A5A5A));
                survives(() -> bus.isRam(address, size));
                survives(() -> bus.copyIn(address, buffer, 0, size));
                survives(() -> bus.copyOut(address, buffer, 0, size));
                survives(() -> bus.copyIn(address, buffer, size, 4));
                survives(() -> bus.zero(address, size));
            }
            survives(() -> bus.watchPage(address));
            survives(() -> bus.isWatched(address));
        }
        assertEquals(Bus.FAULT, bus.read(0xFFFF_FFFC, 4));
        assertFalse(bus.write(Bus.RAM_BASE + (1 << 20) - 2, 4, 1), "a word that runs past RAM's end is not written");
    }

    @Test
    void machineAndLabMachineAnswerWildAddressesWithoutCrashing() {
        Machine machine = new Machine(1 << 20);
        LabMachine lab = Lab.machine(1);
        for (int address : WILD) {
            survives(() -> machine.setTohost(address));
            survives(machine::pollHtif);
            survives(() -> machine.symbolize(address));
            survives(() -> machine.raise(address, address));
            survives(() -> machine.mmu.load(address, 4));
            survives(() -> machine.mmu.store(address, 4, 7));
            survives(() -> machine.mmu.translate(address, 0, 0));
            for (int size : SIZES) {
                survives(() -> lab.memory(address, size).toString());
                survives(() -> lab.memory(address, 64).word(size));
                survives(() -> lab.disassembly(address, size));
            }
            survives(() -> lab.breakAt(Integer.toHexString(address)));
        }
        survives(() -> machine.load(new Image("wild", List.of(new Image.Segment(0xFFFF_FFF0, new byte[64], 64, true, true)),
                0xFFFF_FFF0, java.util.Map.of())));
        assertTrue(lab.memory(0xFFFF_FFF0, 16).at(0) < 0, "an unmapped byte reads as 'unreadable', not as a crash");
    }

    /**
     * A guest that loads and stores at every wild address, over and over (so the block compiler translates the loop),
     * with a trap handler that counts the fault and skips the access.
     */
    private static final String WILD_GUEST = """
                la t0, handler
                csrw mtvec, t0
                li s1, 0
                li s4, 3000
            outer:
                la s2, addresses
                li s3, 11
            inner:
                lw t1, 0(s2)
                lw t2, 0(t1)
                sw t2, 0(t1)
                lhu t2, 0(t1)
                sh t2, 0(t1)
                lb t2, 0(t1)
                addi s2, s2, 4
                addi s3, s3, -1
                bnez s3, inner
                addi s4, s4, -1
                bnez s4, outer
                wfi
            handler:
                addi s1, s1, 1
                csrr t3, mepc
                addi t3, t3, 4
                csrw mepc, t3
                mret
                .align 2
            addresses:
                .word 0x00000000, 0x00000001, 0x7ffffffc, 0x7fffffff, 0x7fffffff, 0x7ffffffc
                .word 0x800ffffe, 0x80100000, 0xfffffffc, 0xffffffff, 0x84000000
            """;

    @Test
    void everyEngineTurnsWildGuestAccessesIntoTrapsAndAgreesWithTheReference() {
        Image image = Assembler.assemble(WILD_GUEST).image();
        List<Supplier<Engine>> engines = List.of(ReferenceInterpreter::new, FastInterpreter::new, BlockCompiler::new);
        List<String> outcomes = new ArrayList<>();
        for (Supplier<Engine> engine : engines) {
            Machine machine = new Machine(1 << 20);
            machine.load(image);
            Stop stop = engine.get().run(machine, 50_000_000);
            outcomes.add(stop + " after " + machine.hart.minstret + " instructions, " + machine.hart.x[9] + " traps");
        }
        assertTrue(outcomes.get(0).startsWith("WAITING_FOREVER"), outcomes.get(0));
        assertTrue(!outcomes.get(0).endsWith(" 0 traps"), outcomes.get(0));
        assertEquals(outcomes.get(0), outcomes.get(1), "fast interpreter");
        assertEquals(outcomes.get(0), outcomes.get(2), "block compiler");
    }

    @Test
    void oneBlockCompilerOnMachinesOfDifferentSizesStaysInsideEachMachinesRam() {
        // Translations and TLBs must never carry one machine's RAM layout over to another.
        Image image = Assembler.assemble(WILD_GUEST).image();
        Engine shared = new BlockCompiler();
        String first = null;
        for (int mib : new int[] {64, 1, 16, 1}) {
            Machine machine = new Machine(mib << 20);
            machine.load(image);
            Stop stop = shared.run(machine, 50_000_000);
            String outcome = stop + ", " + machine.hart.x[9] + " traps";
            if (mib == 1) {
                first = first == null ? outcome : first;
                assertEquals(first, outcome);
            }
        }
    }
}
