package vmlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vmlab.client.InterruptMode;
import vmlab.client.KernelProcess;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code vmlab run}'s contract (files, summary lines, exit codes, malformed input), checked on Python notebooks with Debian's
 * ipykernel so it does not depend on our own kernel; {@code RunCommandIT} runs the course on VM Lab's kernel.
 */
class RunCommandTest {

    @TempDir
    Path folder;
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(String... args) {
        RunCommand.KernelStarter ipykernel = notebookFolder -> KernelProcess.command(List.of("/usr/bin/python3", "-m",
                        "ipykernel_launcher", "-f", "{connection_file}", "--HistoryManager.enabled=False"))
                .directory(notebookFolder).interruptMode(InterruptMode.SIGNAL).start();
        return new CommandLine(new RunCommand(ipykernel)).execute(args);
    }

    private Path notebook(String name, String... sources) {
        Notebook notebook = Notebook.create();
        for (String source : sources) {
            notebook.add(Cell.code(source));
        }
        Path file = folder.resolve(name);
        notebook.write(file);
        return file;
    }

    @Test
    void eachNotebookIsSavedWithItsOutputsAndGetsOneSummaryLine() {
        Path first = notebook("01-first.ipynb", "print('hello')", "6 * 7");
        Path second = notebook("02-second.ipynb", "'two'");
        Path out = folder.resolve("out");
        assertEquals(0, run(first.toString(), second.toString(), "--out", out.toString()), console::err);
        Notebook saved = Notebook.read(out.resolve("01-first.ipynb"));
        assertEquals("hello\n", saved.cells().get(0).outputs().get(0).path("text").get(0).asText());
        assertEquals(1, saved.cells().get(0).executionCount());
        assertTrue(Files.exists(out.resolve("02-second.ipynb")));
        List<String> lines = console.out().lines().toList();
        assertEquals(2, lines.size(), console::out);
        assertTrue(lines.get(0).matches("01-first\\.ipynb: 2 cells run, 0 errors, \\d+\\.\\d s \\(\\+\\d+\\.\\d+ s kernel start\\) -> .*"), lines.get(0));
    }

    @Test
    void anUnexpectedErrorExitsOneAndTheNotebookIsStillSaved() {
        Path broken = notebook("broken.ipynb", "x = 1", "undefined_name", "print('never')");
        Path out = folder.resolve("out");
        assertEquals(RunCommand.CELL_FAILED, run(broken.toString(), "--out", out.toString()));
        assertTrue(console.out().contains("broken.ipynb: 2 cells run, 1 errors"), console::out);
        assertTrue(console.out().contains("NameError"), console::out);
        Notebook saved = Notebook.read(out.resolve("broken.ipynb"));
        assertEquals("error", saved.cells().get(1).outputs().get(0).path("output_type").asText());
        assertTrue(saved.cells().get(2).outputs().isEmpty());
    }

    @Test
    void aMalformedNotebookIsReportedWithWhereAndTheOthersStillRun() throws Exception {
        Path bad = folder.resolve("bad.ipynb");
        Files.writeString(bad, "{\"nbformat\": 4,\n \"cells\": [ oops ]}");
        Path good = notebook("good.ipynb", "1 + 1");
        Path out = folder.resolve("out");
        assertEquals(RunCommand.BAD_NOTEBOOK, run(bad.toString(), good.toString(), "--out", out.toString()));
        assertTrue(console.err().contains("bad.ipynb:2:"), console::err);
        assertTrue(console.err().contains("not valid JSON"), console::err);
        assertTrue(Files.exists(out.resolve("good.ipynb")));
        assertFalse(Files.exists(out.resolve("bad.ipynb")));
    }

    @Test
    void aCellOverTheTimeoutFailsTheRunWithATimeoutError() {
        Path slow = notebook("slow.ipynb", "while True: pass");
        Path out = folder.resolve("out");
        assertEquals(RunCommand.CELL_FAILED, run(slow.toString(), "--out", out.toString(), "--timeout", "1"));
        List<String> names = Notebook.read(out.resolve("slow.ipynb")).cells().get(0).outputs().stream()
                .map(output -> output.path("ename").asText()).toList();
        assertEquals("CellTimeoutError", names.get(names.size() - 1), names::toString);
    }

    @Test
    void theKernelIsStartedForTheNotebooksFolderLikeNbconvert() throws Exception {
        Files.writeString(folder.resolve("data.txt"), "beside the notebook");
        Path reader = notebook("reader.ipynb", "print(open('data.txt').read())");
        assertEquals(0, run(reader.toString(), "--out", folder.resolve("out").toString()), console::err);
    }
}
