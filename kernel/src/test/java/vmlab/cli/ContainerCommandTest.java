package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab container} in-process: Docker's exit statuses and messages, and records kept between commands. */
class ContainerCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut, savedErr;

    @TempDir
    Path state;

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

    private int container(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "container";
        all[1] = "--state";
        all[2] = state.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return VmLab.commandLine().execute(all);
    }

    private String output() {
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    @Test
    void runPrintsTheOutputAndGivesTheContainersExitStatus() {
        assertEquals(0, container("run", "--name", "web", "-h", "web", "corpus", "identity", "write:/note:hi"));
        assertTrue(output().startsWith("pid 1 ppid 0 uid 0 hostname web kernel 6.1.0-vmlab"));
        assertEquals(137, container("run", "--memory", "2m", "corpus", "memhog", "16"), "OOM-killed: 128 + SIGKILL");
        output();
        assertEquals(0, container("ps", "-a"));
        String ps = output();
        assertTrue(ps.contains("Exited (137) (OOM killed)") && ps.contains("web"), ps);
        assertEquals(0, container("cp", "web:/note", state.resolve("note").toString()));
        assertTrue(Files.exists(state.resolve("note")), "the upper layer outlived the command");
    }

    @Test
    void refusedRequestsGiveDockersStatuses() {
        assertEquals(127, container("run", "corpus", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("executable file not found in $PATH"));
        assertEquals(125, container("run", "nginx"));
        assertEquals(1, container("logs", "nothing-here"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No such container: nothing-here"));
    }
}
