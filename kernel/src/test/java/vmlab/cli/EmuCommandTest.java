package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab emu} run in-process: exit statuses, guest output, limits and clear errors. */
class EmuCommandTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path temp;

    private static String resource(String name) throws URISyntaxException {
        return Path.of(EmuCommandTest.class.getResource("/vmlab/cli/" + name).toURI()).toString();
    }

    private int emu(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "emu";
        System.arraycopy(args, 0, all, 1, args.length);
        return VmLab.commandLine().execute(all);
    }

    @Test
    void theExitStatusAndStdoutAreTheGuests() throws URISyntaxException {
        assertEquals(4, emu(resource("hello.elf"), "a", "-b", "--bare"), "argc, with option-like guest arguments");
        assertEquals("hello, world\n", console.out());
        assertEquals("", console.err());
    }

    @Test
    void everyEngineGivesTheSameExitStatusAndOutput() throws URISyntaxException {
        for (String engine : new String[] {"reference", "fast", "compiler"}) {
            console.takeOut();
            assertEquals(2, emu("--engine", engine, resource("hello.elf"), "x"), engine);
            assertEquals("hello, world\n", console.out(), engine);
        }
    }

    @Test
    void theDefaultEngineIsTheBlockCompilerAndTracingUsesTheReferenceInterpreter() throws URISyntaxException {
        assertEquals(EmuCommand.EngineChoice.compiler, emuCommand().engine());
        assertEquals(EmuCommand.EngineChoice.reference, emuCommand("--trace").engine());
        assertEquals(EmuCommand.EngineChoice.fast, emuCommand("--engine", "fast").engine());
        assertEquals(1, emu("--stats", resource("hello.elf")), "argc");
        assertTrue(console.err().startsWith("vmlab emu: block compiler: "), console.err());
    }

    @Test
    void aTraceFromAnEngineThatCannotTraceIsRefusedClearly() throws URISyntaxException {
        assertEquals(EmuCommand.USAGE, emu("--trace", "--engine", "compiler", resource("hello.elf")));
        assertTrue(console.err().contains("--trace needs --engine reference"), console.err());
        assertEquals("", console.out(), "the guest did not run");
    }

    private static EmuCommand emuCommand(String... options) throws URISyntaxException {
        String[] all = new String[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = resource("hello.elf");
        var line = VmLab.commandLine();
        line.parseArgs(prepend("emu", all));
        return line.getSubcommands().get("emu").getCommand();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void aGuestThatNeverExitsIsStoppedByTheInstructionLimit() throws URISyntaxException {
        assertEquals(EmuCommand.LIMIT_REACHED, emu("--max-instructions", "100000", resource("spin.elf")));
        assertTrue(console.err().contains("stopped after 100000 instructions"), console.err());
    }

    @Test
    void bareModeEndsThroughTohost() throws URISyntaxException {
        assertEquals(21, emu("--bare", resource("bare-htif.elf")));
        assertTrue(console.err().contains("code 21"), console.err());
    }

    @Test
    void traceShowsPcWordDisassemblyAndTheRegisterWritten() throws URISyntaxException {
        emu("--trace", resource("hello.elf"));
        String first = console.err().lines().findFirst().orElse("");
        assertTrue(first.matches("0x00010094  00100513  addi a0,zero,1 +a0=0x00000001"), first);
    }

    @Test
    void notAnElfAndMissingFilesAreClearHostErrorsNotStackTraces() throws IOException {
        Path junk = Files.write(temp.resolve("junk.elf"), new byte[] {1, 2, 3});
        assertEquals(EmuCommand.NOT_RUNNABLE, emu(junk.toString()));
        assertTrue(console.err().contains("no ELF magic number"), console.err());
        assertEquals(EmuCommand.NOT_FOUND, emu(temp.resolve("missing.elf").toString()));
        assertFalse(console.err().contains("Exception"), console.err());
    }

    @Test
    void aUserProgramLinkedOutsideRamCannotRunBare() throws URISyntaxException {
        assertEquals(EmuCommand.NOT_RUNNABLE, emu("--bare", resource("hello.elf")));
        assertTrue(console.err().contains("outside RAM"), console.err());
    }
}
