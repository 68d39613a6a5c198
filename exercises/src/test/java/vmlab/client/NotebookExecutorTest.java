package vmlab.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;
import vmlab.notebook.Outputs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The notebook executor on a real ipykernel with Python cells: nbconvert's conventions, checked cell by cell. */
class NotebookExecutorTest {

    private static KernelProcess python;

    @BeforeAll
    static void startKernel() {
        python = IPythonKernel.launch().interruptMode(InterruptMode.MESSAGE).start();
    }

    @AfterAll
    static void stopKernel() {
        python.close();
    }

    private static Cell tagged(String source, String tag) {
        Cell cell = Cell.code(source);
        cell.metadata().putArray("tags").add(tag);
        return cell;
    }

    private static Notebook notebook(Cell... cells) {
        Notebook notebook = Notebook.create();
        for (Cell cell : cells) {
            notebook.add(cell);
        }
        return notebook;
    }

    private NotebookExecutor executor() {
        return new NotebookExecutor(python.client()).cellTimeout(Duration.ofSeconds(20));
    }

    @Test
    void codeCellsRunInOrderAndKeepTheirOutputsAndCounts() {
        Notebook notebook = notebook(Cell.markdown("# A lesson"), Cell.code("answer = 6 * 7"), Cell.code("print(answer)"),
                Cell.code("answer + 1"));
        NotebookRun run = executor().execute(notebook);
        assertTrue(run.succeeded(), run::toString);
        assertEquals(3, run.cellsRun());
        List<Cell> cells = notebook.cells();
        assertEquals("42\n", cells.get(2).outputs().get(0).path("text").asText());
        assertEquals("43", cells.get(3).outputs().get(0).path("data").path("text/plain").asText());
        int first = cells.get(1).executionCount();
        assertEquals(first + 1, cells.get(2).executionCount());
        assertEquals(first + 2, cells.get(3).executionCount());
        assertEquals("python", notebook.metadata().path("language_info").path("name").asText());
        List<String> timingKeys = new ArrayList<>();
        cells.get(1).metadata().path("execution").fieldNames().forEachRemaining(timingKeys::add);
        assertEquals(List.of("iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"), timingKeys,
                "the timestamps nbclient records");
        assertTrue(cells.get(1).metadata().path("execution").path("iopub.status.idle").asText().matches(".*\\.\\d{6}Z"));
    }

    @Test
    void anExpectedErrorIsKeptAndTheRunGoesOn() {
        Notebook notebook = notebook(tagged("1 / 0", NotebookExecutor.RAISES_EXCEPTION), Cell.code("'after'"));
        NotebookRun run = executor().execute(notebook);
        assertTrue(run.succeeded(), run::toString);
        assertEquals(1, run.expectedErrors());
        assertEquals("ZeroDivisionError", notebook.cells().get(0).outputs().get(0).path("ename").asText());
        assertEquals("'after'", notebook.cells().get(1).outputs().get(0).path("data").path("text/plain").asText());
    }

    @Test
    void theRunStopsAtTheFirstUnexpectedErrorAndClearsStaleOutputsAfterIt() {
        Cell stale = Cell.code("print('fresh')").addOutput(Outputs.stream("stdout", "stale output from last week\n"))
                .executionCount(99);
        Notebook notebook = notebook(Cell.code("undefined_name"), stale);
        NotebookRun run = executor().execute(notebook);
        assertFalse(run.succeeded());
        assertEquals(List.of(CellOutcome.Kind.UNEXPECTED_ERROR, CellOutcome.Kind.NOT_RUN),
                run.cells().stream().map(CellOutcome::kind).toList());
        assertEquals("NameError", run.failures().get(0).result().errorName().orElseThrow());
        assertTrue(stale.outputs().isEmpty());
        assertNull(stale.executionCount());
    }

    @Test
    void continueOnErrorRunsTheRestButTheRunStillFails() {
        Notebook notebook = notebook(Cell.code("undefined_name"), Cell.code("print('still ran')"));
        NotebookRun run = executor().continueOnError().execute(notebook);
        assertFalse(run.succeeded());
        assertEquals("still ran\n", notebook.cells().get(1).outputs().get(0).path("text").asText());
    }

    @Test
    void skippedAndEmptyCellsAreNotSentAndKeepTheirOutputs() {
        Cell recorded = tagged("raise SystemExit('never run me')", NotebookExecutor.SKIP_EXECUTION)
                .addOutput(Outputs.stream("stdout", "recorded earlier\n"));
        Notebook notebook = notebook(recorded, Cell.code("   \n"));
        NotebookRun run = executor().execute(notebook);
        assertEquals(0, run.cellsRun());
        assertEquals("recorded earlier\n", recorded.outputs().get(0).path("text").asText());
        assertTrue(run.cells().stream().allMatch(cell -> cell.kind() == CellOutcome.Kind.SKIPPED));
    }

    @Test
    void aCellOverTheTimeoutIsInterruptedAndGetsATimeoutError() {
        Notebook notebook = notebook(Cell.code("while True: pass"), Cell.code("'not reached'"));
        NotebookRun run = new NotebookExecutor(python.client()).cellTimeout(Duration.ofSeconds(1)).execute(notebook);
        assertEquals(CellOutcome.Kind.TIMED_OUT, run.cells().get(0).kind());
        List<String> errors = new ArrayList<>();
        notebook.cells().get(0).outputs().forEach(output -> errors.add(output.path("ename").asText()));
        assertEquals("CellTimeoutError", errors.get(errors.size() - 1));
        assertEquals(CellOutcome.Kind.NOT_RUN, run.cells().get(1).kind());
        assertTrue(run.cells().get(0).result().kernelResponsive());
    }

    @Test
    void aDisplayUpdatedByALaterCellIsSavedInItsFinalState() {
        Notebook notebook = notebook(
                Cell.code("from IPython.display import display\nh = display('0 rows', display_id=True)"),
                Cell.code("for n in range(1, 4): h.update(f'{n} rows')"));
        executor().execute(notebook);
        Notebook saved = Notebook.parse(notebook.toJson(), "saved");
        // Saved as nbformat saves text: a list of lines.
        List<String> lines = new ArrayList<>();
        saved.cells().get(0).outputs().get(0).path("data").path("text/plain").forEach(line -> lines.add(line.asText()));
        assertEquals(List.of("'3 rows'"), lines);
        assertTrue(saved.cells().get(1).outputs().isEmpty());
    }

    @Test
    void theListenerHearsEveryCellInOrder() {
        List<String> heard = new ArrayList<>();
        Notebook notebook = notebook(Cell.code("1"), Cell.markdown("text"), tagged("2", NotebookExecutor.SKIP_EXECUTION),
                Cell.code("3"));
        executor().listener(outcome -> heard.add(outcome.index() + ":" + outcome.kind())).execute(notebook);
        assertEquals(List.of("0:OK", "2:SKIPPED", "3:OK"), heard);
    }

    @Test
    void theExecutedNotebookIsValidNbformat(@TempDir Path folder) throws Exception {
        Notebook notebook = notebook(Cell.code("print('out')\n'value'"), tagged("1/0", NotebookExecutor.RAISES_EXCEPTION),
                Cell.code("from IPython.display import HTML\nHTML('<b>bold</b>')"));
        executor().execute(notebook);
        Path file = folder.resolve("executed.ipynb");
        notebook.write(file);
        Process validate = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')",
                file.toString()).redirectErrorStream(true).start();
        String said = new String(validate.getInputStream().readAllBytes());
        assertEquals(0, validate.waitFor(), "nbformat (Debian package python3-nbformat) says: " + said);
        assertEquals("valid", said.strip());
    }
}
