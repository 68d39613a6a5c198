package vmlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.MultilineText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The course notebooks run under the real {@code jupyter nbconvert --execute} with the installed kernelspec, and what it
 * writes validates with nbformat. Cells tagged raises-exception may fail; any other failing cell fails the test. What the
 * student reads in the HTML outputs is checked too ({@link RenderedOutputs}): rounded numbers, true captions, cells
 * aligned by type.
 */
class NotebooksExecuteIT {

    @Test
    void everyNotebookExecutesUnderNbconvertAndValidates(@TempDir Path prefix) throws Exception {
        RealJupyter.requirePythonModule("nbformat", "python3-nbformat");
        RealJupyter.requirePythonModule("nbconvert", "jupyter-nbconvert");
        RealJupyter.requirePythonModule("nbclient", "python3-nbclient");
        if (!Files.isExecutable(RealJupyter.JUPYTER)) {
            fail("missing " + RealJupyter.JUPYTER + ": apt-get install jupyter-nbconvert");
        }
        Path jupyterPath = RealJupyter.installKernelspec(prefix);
        Path notebooks = Path.of("..", "notebooks").toAbsolutePath().normalize();
        List<Path> all;
        try (Stream<Path> files = Files.list(notebooks)) {
            all = new ArrayList<>(files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList());
        }
        assertFalse(all.isEmpty(), "no notebooks in " + notebooks);
        Path out = prefix.resolve("executed");
        for (Path notebook : all) {
            RealJupyter.Run run = RealJupyter.run(List.of(RealJupyter.JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                            "--ExecutePreprocessor.kernel_name=vmlab", "--ExecutePreprocessor.timeout=600",
                            "--output-dir", out.toString(), notebook.toString()),
                    null, Map.of("JUPYTER_PATH", jupyterPath.toString()), 1200);
            assertEquals(0, run.exit(), notebook + "\n" + run.output());
            // nbconvert's output holds the kernel JVM's own stderr: what a user would see in the terminal running Jupyter.
            assertEquals(List.of(), jdkWarnings(run.output()), notebook + ": a warning reached the terminal on Java "
                    + Runtime.version());
            Path executed = out.resolve(notebook.getFileName());
            RealJupyter.Run validate = RealJupyter.run(List.of(RealJupyter.PYTHON.toString(), "-c",
                    "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')",
                    executed.toString()), null, Map.of(), 120);
            assertEquals(0, validate.exit(), executed + " does not validate:\n" + validate.output());
            JsonNode outputs = new ObjectMapper().readTree(executed.toFile());
            assertEveryCodeCellRan(outputs, notebook);
            assertEquals(List.of(), RenderedOutputs.problems(outputs), notebook.getFileName() + " shows a student");
        }
    }

    private static void assertEveryCodeCellRan(JsonNode notebook, Path name) {
        for (JsonNode cell : notebook.path("cells")) {
            if (!cell.path("cell_type").asText().equals("code") || cell.path("source").toString().isBlank()) {
                continue;
            }
            assertTrue(cell.path("execution_count").isInt(), name + ": a code cell did not run: " + cell.path("source"));
            boolean expectsError = cell.path("metadata").path("tags").toString().contains("raises-exception");
            boolean hasError = false;
            for (JsonNode output : cell.path("outputs")) {
                hasError |= output.path("output_type").asText().equals("error");
                assertEquals(List.of(), jdkWarnings(MultilineText.join(output.path("text"))), name + ": a warning reached the notebook");
            }
            assertEquals(expectsError, hasError, name + ": cell " + cell.path("source") + " outputs " + cell.path("outputs"));
        }
    }

    /**
     * Lines in the shape the JVM warns in: {@code WARNING: sun.misc.Unsafe::...} (the form of Java 24's deprecation and
     * native-access warnings, and of the kernel's own log) and {@code OpenJDK 64-Bit Server VM warning: ...}.
     */
    static List<String> jdkWarnings(String text) {
        return text.lines().filter(line -> line.startsWith("WARNING: ") || line.contains("VM warning:")).toList();
    }
}
