package vmlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The built jar's {@code vmlab run} on the course notebooks with VM Lab's own kernel in-process: the outputs validate with
 * Debian's nbformat, and they are the outputs the real {@code jupyter nbconvert --execute} gets from the installed kernelspec,
 * apart from timing-dependent values.
 */
class RunCommandIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final Path JAR = MODULE.resolve("target/vmlab.jar");
    private static final Path WELCOME = ROOT.resolve("notebooks/00-welcome.ipynb");

    /** A finished child process: exit code and everything it printed. */
    private record Ran(int exit, String output) {
    }

    private static Ran run(Path directory, Map<String, String> environment, String... command) throws Exception {
        Path log = Files.createTempFile("vmlab-it-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 10 minutes");
            }
            return new Ran(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Ran vmlab(String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR + " is missing (mvn package)");
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(ROOT, Map.of(), command.toArray(String[]::new));
    }

    private static void requirePython(String module, String debianPackage) throws Exception {
        Ran probe = run(ROOT, Map.of(), "/usr/bin/python3", "-c", "import " + module);
        assertEquals(0, probe.exit(), "Python module " + module + " is missing: install the Debian package " + debianPackage);
    }

    private static List<Path> courseNotebooks() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            return files.filter(file -> file.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void theWholeCourseRunsHeadlessAndEveryExecutedNotebookIsValidNbformat(@TempDir Path out) throws Exception {
        requirePython("nbformat", "python3-nbformat");
        Ran ran = vmlab("run", "--out", out.toString());
        assertEquals(0, ran.exit(), ran.output());
        List<Path> notebooks = courseNotebooks();
        assertFalse(notebooks.isEmpty());
        for (Path notebook : notebooks) {
            String name = notebook.getFileName().toString();
            assertTrue(ran.output().lines().anyMatch(line -> line.startsWith(name + ": ")), "no summary line for " + name);
            Path executed = out.resolve(name);
            Ran valid = run(ROOT, Map.of(), "/usr/bin/python3", "-c",
                    "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); "
                            + "assert (nb.nbformat, nb.nbformat_minor) >= (4, 5)", executed.toString());
            assertEquals(0, valid.exit(), executed + " is not valid nbformat 4.5: " + valid.output());
            assertTrue(Notebook.read(executed).cells().stream().filter(Cell::isCode).allMatch(cell -> cell.executionCount() != null),
                    "every code cell of " + name + " ran");
        }
    }

    @Test
    void withNoNotebookAndNoNotebooksFolderItSaysSoAndExitsTwo(@TempDir Path empty) throws Exception {
        Ran ran = run(empty, Map.of(), "java", "-jar", JAR.toString(), "run");
        assertEquals(RunCommand.BAD_NOTEBOOK, ran.exit(), ran.output());
        assertTrue(ran.output().contains("no notebooks/ folder"), ran.output());
    }

    @Test
    void eachNotebookGetsAFreshKernelInTheSameJvm(@TempDir Path scratch) throws Exception {
        Notebook first = Notebook.create().add(Cell.code("int shared = 41;")).add(Cell.code("shared + 1"));
        Notebook second = Notebook.create().add(Cell.code("String state = \"fresh\";")).add(Cell.code("state"));
        first.write(scratch.resolve("a.ipynb"));
        second.write(scratch.resolve("b.ipynb"));
        Path out = scratch.resolve("out");
        Ran ran = vmlab("run", scratch.resolve("a.ipynb").toString(), scratch.resolve("b.ipynb").toString(),
                "--out", out.toString());
        assertEquals(0, ran.exit(), ran.output());
        for (String name : List.of("a.ipynb", "b.ipynb")) {
            List<Cell> cells = Notebook.read(out.resolve(name)).cells();
            assertEquals(1, cells.get(0).executionCount(), name + " starts on a kernel of its own");
            assertEquals(2, cells.get(1).executionCount());
        }
        String last = Notebook.read(out.resolve("b.ipynb")).cells().get(1).outputs().get(0).path("data").path("text/plain")
                .toString();
        assertTrue(last.contains("fresh"), last);
    }

    @Test
    void aRunawayCellIsInterruptedAtTheTimeoutAndTheNextNotebookStillRuns(@TempDir Path scratch) throws Exception {
        Notebook runaway = Notebook.create().add(Cell.code("long spins = 0;\nwhile (true) { spins++; }"))
                .add(Cell.code("\"not reached\""));
        Notebook after = Notebook.create().add(Cell.code("\"after the runaway\""));
        runaway.write(scratch.resolve("1-runaway.ipynb"));
        after.write(scratch.resolve("2-after.ipynb"));
        Path out = scratch.resolve("out");
        Ran ran = vmlab("run", scratch.resolve("1-runaway.ipynb").toString(), scratch.resolve("2-after.ipynb").toString(),
                "--out", out.toString(), "--timeout", "3");
        assertEquals(RunCommand.CELL_FAILED, ran.exit(), ran.output());
        List<Cell> cells = Notebook.read(out.resolve("1-runaway.ipynb")).cells();
        List<String> errors = cells.get(0).outputs().stream().map(output -> output.path("ename").asText()).toList();
        assertEquals("CellTimeoutError", errors.get(errors.size() - 1), errors::toString);
        assertTrue(cells.get(1).outputs().isEmpty(), "the run stopped after the timeout");
        assertTrue(ran.output().contains("2-after.ipynb: 1 cells run, 0 errors"), ran.output());
    }

    @Test
    void theRunnerGivesTheOutputsThatNbconvertGetsFromTheInstalledKernel(@TempDir Path scratch) throws Exception {
        requirePython("nbconvert", "jupyter-nbconvert");
        requirePython("nbclient", "python3-nbclient");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "/usr/bin/jupyter is missing: install jupyter-nbconvert");
        Path prefix = scratch.resolve("prefix");
        Ran installed = vmlab("install", "--prefix", prefix.toString());
        assertEquals(0, installed.exit(), installed.output());

        Path byNbconvert = scratch.resolve("nbconvert");
        Ran nbconvert = run(ROOT, Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString()),
                "/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute", WELCOME.toString(),
                "--output-dir", byNbconvert.toString());
        assertEquals(0, nbconvert.exit(), nbconvert.output());

        Path byRunner = scratch.resolve("runner");
        Ran runner = vmlab("run", WELCOME.toString(), "--out", byRunner.toString());
        assertEquals(0, runner.exit(), runner.output());

        List<Cell> expected = codeCells(Notebook.read(byNbconvert.resolve("00-welcome.ipynb")));
        List<Cell> actual = codeCells(Notebook.read(byRunner.resolve("00-welcome.ipynb")));
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(comparable(expected.get(i)), comparable(actual.get(i)), "code cell " + (i + 1) + " differs");
        }
    }

    private static List<Cell> codeCells(Notebook notebook) {
        return notebook.cells().stream().filter(Cell::isCode).toList();
    }

    /**
     * A cell's outputs with what depends on timing taken out: numbers become '#' (and runs of spaces one space), and binary
     * images are reduced to their MIME type (a chart's pixels follow the measured values). Kinds, order, stream names, error names and text all still count.
     */
    static String comparable(Cell cell) {
        ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode output : cell.outputs()) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            kept.put("output_type", output.path("output_type").asText());
            copyText(output, kept, "name");
            copyText(output, kept, "text");
            copyText(output, kept, "ename");
            copyText(output, kept, "evalue");
            if (output.has("traceback")) {
                kept.put("traceback", masked(joined(output.get("traceback"))));
            }
            if (output.get("data") instanceof ObjectNode data) {
                Map<String, String> mimes = new TreeMap<>();
                data.fields().forEachRemaining(entry -> mimes.put(entry.getKey(),
                        entry.getKey().startsWith("image/") && !entry.getKey().equals("image/svg+xml")
                                ? "(image)" : masked(joined(entry.getValue()))));
                mimes.forEach(kept.putObject("data")::put);
            }
            outputs.add(kept);
        }
        return "[" + cell.executionCount() + "] " + outputs.toPrettyString();
    }

    private static void copyText(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.put(field, masked(joined(from.get(field))));
        }
    }

    private static String joined(JsonNode text) {
        if (!text.isArray()) {
            return text.isTextual() ? text.asText() : text.toString();
        }
        StringBuilder joined = new StringBuilder();
        text.forEach(line -> joined.append(line.asText()).append(line.asText().endsWith("\n") ? "" : "\n"));
        return joined.toString();
    }

    private static String masked(String text) {
        // Fixed-width text tables pad numbers to their width, so spacing follows the values too.
        return text.replaceAll("\\d+(\\.\\d+)?", "#").replaceAll("[ \\t]+", " ");
    }
}
