package vmlab.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class NbgraderChecksumTest {

    @Test
    void checksumsAgreeWithNbgradersRecipeRunByPython(@TempDir Path dir) throws Exception {
        Notebook notebook = Notebook.create();
        add(notebook, Cell.code("int answer() {\n    return 42;\n}\n"), NbgraderMetadata.answer("q1-answer"));
        add(notebook, Cell.code("assertEquals(42, answer());"), NbgraderMetadata.tests("q1-tests", 1));
        add(notebook, Cell.code("assertTrue(true); // ünïcødé ✓"), NbgraderMetadata.tests("q2-tests", 2.5));
        add(notebook, Cell.code("tiny"), NbgraderMetadata.tests("q3-tests", 0.0001));
        add(notebook, Cell.code("huge"), NbgraderMetadata.tests("q4-tests", 1e16));
        add(notebook, Cell.code("zero"), NbgraderMetadata.tests("q5-tests", 0));
        add(notebook, Cell.markdown("# Read me, do not edit"), NbgraderMetadata.readOnly("intro"));
        add(notebook, Cell.markdown("Explain why."), new NbgraderMetadata(true, true, false, false, "q6-essay", 3.0, null, null));
        Path file = dir.resolve("checksums.ipynb");
        notebook.write(file);

        Map<String, String> ours = new LinkedHashMap<>();
        Notebook.read(file).cells().forEach(cell ->
                NbgraderMetadata.of(cell, "test").ifPresent(m -> ours.put(m.gradeId(), NbgraderChecksum.of(cell, m))));
        Map<String, String> nbgraders = new LinkedHashMap<>();
        String printed = Python.run(Python.resource("nbgrader_checksum.py", dir), file.toString());
        printed.lines().map(line -> line.split(" ")).forEach(parts -> nbgraders.put(parts[0], parts[1]));

        assertEquals(8, nbgraders.size(), printed);
        assertEquals(nbgraders, ours);
    }

    @Test
    void pythonFloatFormatting() {
        assertEquals("1.0", NbgraderChecksum.pythonFloat(1));
        assertEquals("2.5", NbgraderChecksum.pythonFloat(2.5));
        assertEquals("0.0001", NbgraderChecksum.pythonFloat(0.0001));
        assertEquals("5e-05", NbgraderChecksum.pythonFloat(0.00005));
        assertEquals("1e+16", NbgraderChecksum.pythonFloat(1e16));
        assertEquals("1234567.0", NbgraderChecksum.pythonFloat(1234567));
    }

    @Test
    void extraKeysInNbgraderMetadataAreRejectedAsTheSchemaDoes() {
        Cell cell = Cell.code("x");
        NbgraderMetadata.tests("q1", 1).writeTo(cell);
        cell.metadata().with("nbgrader").put("timeout", 5);
        AssignmentException e = assertThrows(AssignmentException.class, () -> NbgraderMetadata.of(cell, "cell 3"));
        assertTrue(e.getMessage().contains("'timeout'") && e.getMessage().contains("metadata.vmlab"), e.getMessage());
    }

    @Test
    void aGradedCellWithoutGradeIdIsAClearError() {
        Cell cell = Cell.code("x");
        cell.metadata().putObject("nbgrader").put("grade", true).put("points", 1).put("schema_version", 3);
        AssignmentException e = assertThrows(AssignmentException.class, () -> NbgraderMetadata.of(cell, "cell 2"));
        assertTrue(e.getMessage().startsWith("cell 2: ") && e.getMessage().contains("grade_id"), e.getMessage());
    }

    private static void add(Notebook notebook, Cell cell, NbgraderMetadata metadata) {
        metadata.writeTo(cell);
        notebook.add(cell);
    }
}
