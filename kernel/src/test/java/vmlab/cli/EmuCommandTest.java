package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab emu} run in-process: exit statuses, guest output, limits and clear errors. */
class EmuCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut, savedErr;

    @TempDir
    Path temp;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

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
        assertEquals("hello, world\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyEngineGivesTheSameExitStatusAndOutput() throws URISyntaxException {
        for (String engine : new String[] {"reference", "fast", "compiler"}) {
            out.reset();
            assertEquals(2, emu("--engine", engine, resource("hello.elf"), "x"), engine);
            assertEquals("hello, world\n", out.toString(StandardCharsets.UTF_8), engine);
        }
    }

    @Test
    void theDefaultEngineIsTheBlockCompilerAndTracingUsesTheReferenceInterpreter() throws URISyntaxException {
        assertEquals(EmuCommand.EngineChoice.compiler, emuCommand().engine());
        assertEquals(EmuCommand.EngineChoice.reference, emuCommand("--trace").engine());
        assertEquals(EmuCommand.EngineChoice.fast, emuCommand("--engine", "fast").engine());
        assertEquals(1, emu("--stats", resource("hello.elf")), "argc");
        assertTrue(err.toString().startsWith("vmlab emu: block compiler: "), err.toString());
    }

    @Test
    void aTraceFromAnEngineThatCannotTraceIsRefusedClearly() throws URISyntaxException {
        assertEquals(EmuCommand.USAGE, emu("--trace", "--engine", "compiler", resource("hello.elf")));
        assertTrue(err.toString().contains("--trace needs --engine reference"), err.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "the guest did not run");
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
        assertTrue(err.toString().contains("stopped after 100000 instructions"), err.toString());
    }

    @Test
    void bareModeEndsThroughTohost() throws URISyntaxException {
        assertEquals(21, emu("--bare", resource("bare-htif.elf")));
        assertTrue(err.toString().contains("code 21"), err.toString());
    }

    @Test
    void traceShowsPcWordDisassemblyAndTheRegisterWritten() throws URISyntaxException {
        emu("--trace", resource("hello.elf"));
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.matches("0x00010094  00100513  addi a0,zero,1 +a0=0x00000001"), first);
    }

    @Test
    void notAnElfAndMissingFilesAreClearHostErrorsNotStackTraces() throws IOException {
        Path junk = Files.write(temp.resolve("junk.elf"), new byte[] {1, 2, 3});
        assertEquals(EmuCommand.NOT_RUNNABLE, emu(junk.toString()));
        assertTrue(err.toString().contains("no ELF magic number"), err.toString());
        assertEquals(EmuCommand.NOT_FOUND, emu(temp.resolve("missing.elf").toString()));
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void aUserProgramLinkedOutsideRamCannotRunBare() throws URISyntaxException {
        assertEquals(EmuCommand.NOT_RUNNABLE, emu("--bare", resource("hello.elf")));
        assertTrue(err.toString().contains("outside RAM"), err.toString());
    }
}
