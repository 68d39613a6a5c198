package vmlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class AssignCommandTest {

    @Test
    void writesTheStudentVersionNextToNoSecrets(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("warmup.ipynb");
        try (InputStream in = getClass().getResourceAsStream("warmup.ipynb")) {
            Files.copy(in, source);
        }
        assertEquals(0, VmLab.commandLine().execute("assign", source.toString(), "--out", dir.resolve("release").toString()));
        String student = Files.readString(dir.resolve("release/warmup.ipynb"));
        assertTrue(student.contains("YOUR CODE HERE"));
        assertFalse(student.contains("SECRET"));
    }

    @Test
    void aMalformedSourceIsRefusedWithItsLocation(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("broken.ipynb");
        Files.writeString(source, "{\"nbformat\": 4,\n \"cells\": [}");
        assertEquals(2, VmLab.commandLine().execute("assign", source.toString(), "--out", dir.resolve("release").toString()));
        assertFalse(Files.exists(dir.resolve("release/broken.ipynb")));
    }

    @Test
    void refusesToOverwriteTheSource(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("warmup.ipynb");
        try (InputStream in = getClass().getResourceAsStream("warmup.ipynb")) {
            Files.copy(in, source);
        }
        assertEquals(2, VmLab.commandLine().execute("assign", source.toString(), "--out", dir.toString()));
        assertTrue(Files.readString(source).contains("SECRET-SOLUTION-Q1"));
    }
}
