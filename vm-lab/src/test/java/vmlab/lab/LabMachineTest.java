package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vmlab.engine.Stop;
import vmlab.isa.Assembler;

class LabMachineTest {

    private static String hello() throws URISyntaxException {
        return Path.of(LabMachineTest.class.getResource("/vmlab/os/hello.elf").toURI()).toString();
    }

    @Test
    void aNotebookRunsAProgramAndReadsItsOutputAndExitStatus() throws URISyntaxException {
        LabMachine m = Lab.machine(8).load(Guest.elf(hello()), "one").run();
        assertEquals("hello, world\n", m.output());
        assertEquals(2, m.exitCode(), "argc");
        assertEquals(Stop.EXITED, m.stopReason());
        assertEquals(1L, m.syscalls().get("write (64)"));
        assertTrue(m.toString().contains("exited with status 2"), m.toString());
    }

    @Test
    void steppingHighlightsTheRegisterThatChanged() throws URISyntaxException {
        LabMachine m = Lab.machine(8).load(Guest.elf(hello()));
        m.step();                                   // li a0, 1
        assertEquals(1, m.reg("a0"));
        assertTrue(m.toHtml().contains("background:#ffe08a"), "a0 is highlighted");
        assertTrue(m.toString().contains("a0   00000001*"), m.toString());
        assertEquals(0x10098, m.pc());
        assertTrue(m.disassembly().contains("auipc"), m.disassembly());
    }

    @Test
    void aBreakpointStopsBeforeItsInstructionAndRunContinuesFromIt() {
        var program = Assembler.assemble("""
                _start:
                    li a0, 1
                there:
                    li a0, 2
                    li t0, 0x100000
                    li t1, 0x5555
                    sw t1, 0(t0)
                """);
        LabMachine m = Lab.machine(1).load(program.image()).breakAt("there").run();
        assertEquals(Stop.BREAKPOINT, m.stopReason());
        assertEquals(1, m.reg("a0"));
        m.run();
        assertEquals(Stop.EXITED, m.stopReason());
        assertEquals(2, m.reg("a0"));
    }

    @Test
    void aTraceShowsEachInstructionAndTheSystemCallTrap() throws URISyntaxException {
        String trace = Lab.machine(8).load(Guest.elf(hello())).trace(6);
        assertEquals(6, trace.lines().count(), "five retired, then the ecall traps: " + trace);
        assertTrue(trace.lines().findFirst().orElse("").contains("addi a0,zero,1"), trace);
        assertTrue(trace.contains("trap: environment call from U-mode"), trace);
    }

    @Test
    void memoryDumpsShowBytesAndTheirText() throws URISyntaxException {
        LabMachine m = Lab.machine(8).load(Guest.elf(hello()));
        MemoryDump dump = m.memory(0x110b8, 16);
        assertEquals('h', dump.at(0));
        assertTrue(dump.toString().contains("hello, world"), dump.toString());
        assertEquals(-1, m.memory(0x0, 4).at(0), "unmapped memory shows as unreadable");
    }

    @Test
    void theCorpusIsListedAndItsProgramsRunByName() {
        assertTrue(Guest.programs().contains("fib"), Guest.programs().toString());
        LabMachine m = Lab.machine().load(Guest.program("hello")).run();
        assertEquals(Stop.EXITED, m.stopReason());
        assertEquals(0, m.exitCode());
        assertTrue(m.output().toLowerCase().contains("hello"), m.output());
        assertTrue(m.instructions() > 0);
    }

    @Test
    void reloadingStartsAFreshRun() throws URISyntaxException {
        LabMachine m = Lab.machine(8).load(Guest.elf(hello())).run();
        m.load(Guest.elf(hello()), "a", "b", "c").run();
        assertEquals(4, m.exitCode());
        assertEquals("hello, world\n", m.output(), "the first run's output is gone");
    }

    @Test
    void unknownNamesGetHelpfulErrors() {
        LabMachine m = Lab.machine(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.reg("q9")).getMessage().contains("x0..x31"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Guest.program("no-such-program")).getMessage()
                .contains("no guest program"));
        assertEquals(0x40141181L, m.csr("misa")); // RV32 with A, H, I, M, S, U
    }
}
