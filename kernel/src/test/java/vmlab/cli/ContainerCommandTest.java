package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab container} in-process: Docker's exit statuses and messages, and records kept between commands. */
class ContainerCommandTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path state;

    private int container(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "container";
        all[1] = "--state";
        all[2] = state.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return VmLab.commandLine().execute(all);
    }

    private String output() {
        return console.takeOut();
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
        assertTrue(console.err().contains("executable file not found in $PATH"));
        assertEquals(125, container("run", "nginx"));
        assertEquals(1, container("logs", "nothing-here"));
        assertTrue(console.err().contains("No such container: nothing-here"));
    }
    private String errors() {
        return console.takeErr();
    }

    @Test
    void aDetachedRunSucceedsPrintsItsIdAndSaysThereIsNoDaemon() {
        assertEquals(0, container("run", "-d", "--name", "svc", "corpus", "hello"));
        String id = output().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), "the container's id: " + id);
        assertTrue(errors().contains("svc ran to its end within this command (Exited (0)): there is no daemon"));
        assertEquals(0, container("logs", id.substring(0, 12)));
        assertTrue(output().contains("Hello"), "logs find it by an id prefix");
        assertEquals(0, container("run", "-d", "--timeout", "0.01", "corpus", "idle"), "started, then killed");
        assertTrue(errors().contains("was still running after 0.01 simulated seconds"));
    }

    @Test
    void aNameKeptByAnEarlierCommandIsRefusedAsDockerRefusesANameInUse() {
        assertEquals(0, container("run", "--name", "web", "corpus", "hello"));
        assertEquals(125, container("run", "-d", "--name", "web", "corpus", "identity"));
        assertTrue(errors().contains("Conflict. The container name \"/web\" is already in use"));
        output();
        assertEquals(0, container("ps", "-a"));
        assertEquals(1, output().lines().filter(l -> l.endsWith(" web")).count(), "one container named web");
        assertEquals(0, container("rm", "web"));
        assertEquals(0, container("run", "--name", "web", "corpus", "hello"), "free again once removed");
    }

    @Test
    void psAndStatsSayWhyNothingIsRunning() {
        assertEquals(0, container("run", "corpus", "hello"));
        output();
        errors();
        assertEquals(0, container("ps"));
        assertEquals(1, output().lines().count(), "the header only");
        assertTrue(errors().contains("`ps -a` lists the 1 that ended"));
        assertEquals(0, container("stats"));
        assertTrue(errors().contains("there is no daemon"));
        assertEquals(1, container("kill", container0()));
        assertTrue(errors().contains("is not running (it ended with the vmlab command that ran it"));
    }

    /** The name of the one kept container. */
    private String container0() {
        output();
        container("ps", "-a");
        String line = output().lines().skip(1).findFirst().orElseThrow();
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    @Test
    void aRecordIsKeptOnlyOnceWhollyWrittenAndADamagedOneIsSkipped() throws Exception {
        // a command killed while it saved: the upper layer is there, its record (written last) is not
        Files.createDirectories(state.resolve("0123456789ab".repeat(5) + "0123").resolve("upper"));
        Files.writeString(state.resolve("0123456789ab".repeat(5) + "0123").resolve("upper").resolve("half"), "x");
        Files.createDirectories(state.resolve("ff".repeat(32)));
        Files.writeString(state.resolve("ff".repeat(32)).resolve("record.json"), "{ not json");
        assertEquals(0, container("run", "--name", "whole", "corpus", "hello"));
        output();
        assertEquals(0, container("ps", "-a"));
        String ps = output();
        assertEquals(2, ps.lines().count(), "the header and the whole record only: " + ps);
        assertTrue(ps.contains("whole"), ps);
        assertTrue(errors().contains("ignoring a damaged record"));
    }
}
