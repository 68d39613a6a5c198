package vmlab.notebook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class NotebookTest {

    private static final String SMALL = """
            {"nbformat": 4, "nbformat_minor": 4, "metadata": {"custom": {"keep": true}},
             "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Title\\n", "text"]},
              {"cell_type": "code", "metadata": {"nbgrader": {"grade": true}}, "source": "int x = 1;\\nx + 1",
               "execution_count": null, "outputs": []}
             ]}
            """;

    @Test
    void sourcesReadAlikeWhetherStoredAsStringOrLines() {
        Notebook notebook = Notebook.parse(SMALL, "small.ipynb");
        List<Cell> cells = notebook.cells();
        assertEquals("# Title\ntext", cells.get(0).source());
        assertEquals("int x = 1;\nx + 1", cells.get(1).source());
        assertTrue(cells.get(1).isCode());
    }

    @Test
    void roundTripKeepsForeignMetadataAndWritesNbformat45WithIds() {
        Notebook notebook = Notebook.parse(SMALL, "small.ipynb");
        Notebook again = Notebook.parse(notebook.toJson(), "again");
        assertTrue(again.metadata().path("custom").path("keep").asBoolean());
        assertTrue(again.cells().get(1).metadata().path("nbgrader").path("grade").asBoolean());
        assertTrue(notebook.toJson().contains("\"nbformat_minor\": 5"));
        again.cells().forEach(cell -> assertNotNull(cell.id(), "every cell has an id in nbformat 4.5"));
    }

    @Test
    void jsonSyntaxErrorNamesLineAndColumn() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("{\"nbformat\": 4,\n \"cells\": [,]}", "broken.ipynb"));
        assertTrue(e.getMessage().startsWith("broken.ipynb:2:"), e.getMessage());
    }

    @Test
    void structuralErrorNamesTheCell() {
        String badType = SMALL.replace("\"cell_type\": \"code\"", "\"cell_type\": \"java\"");
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> Notebook.parse(badType, "nb"));
        assertTrue(e.getMessage().contains("cell 2"), e.getMessage());
        assertTrue(e.getMessage().contains("\"java\""), e.getMessage());
    }

    @Test
    void oldFormatIsRefusedWithAHint() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("{\"nbformat\": 3, \"worksheets\": []}", "old.ipynb"));
        assertTrue(e.getMessage().contains("nbformat 3"), e.getMessage());
    }

    @Test
    void writtenNotebookWithEveryOutputKindValidatesWithNbformat(@TempDir Path dir) throws Exception {
        Notebook notebook = Notebook.create();
        var data = JsonNodeFactory.instance.objectNode().put("text/plain", "2").put("text/html", "<b>2</b>");
        notebook.add(Cell.markdown("# Hello"));
        notebook.add(Cell.code("1 + 1")
                .addOutput(Outputs.stream("stdout", "line one\nline two\n"))
                .addOutput(Outputs.displayData(data, null))
                .addOutput(Outputs.executeResult(1, data, null))
                .executionCount(1));
        notebook.add(Cell.code("throw new RuntimeException(\"boom\")")
                .addOutput(Outputs.error("java.lang.RuntimeException", "boom", List.of("java.lang.RuntimeException: boom"))));
        Path file = dir.resolve("out.ipynb");
        notebook.write(file);
        assertNbformatValid(file);
    }

    /** Runs Debian's python3-nbformat validator on a file: the real reference, not our reading of the schema. */
    static void assertNbformatValid(Path file) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("/usr/bin/python3", "-c",
                "import nbformat,sys; nb=nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print('valid')",
                file.toString()).redirectErrorStream(true).start();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "nbformat validation timed out");
        String output = new String(python.getInputStream().readAllBytes());
        assertEquals(0, python.exitValue(), "nbformat (Debian package python3-nbformat) rejects " + file + ":\n" + output
                + "\n" + Files.readString(file));
        assertTrue(output.contains("valid"));
    }
}
