package vmlab.grading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Runs Debian's /usr/bin/python3 (with python3-nbformat) on a script from the test resources. */
final class Python {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private Python() {
    }

    static Path resource(String name, Path dir) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = Python.class.getResourceAsStream(name)) {
            assertNotNull(in, "test resource " + name);
            Files.copy(in, script);
        }
        return script;
    }

    /** Runs the script and returns its standard output; fails the test, naming the Debian package, if Python cannot. */
    static String run(Path script, String... args) throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing: install the Debian package python3-nbformat");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python timed out");
        if (output.contains("No module named 'nbformat'")) {
            fail("Python's nbformat is missing: install the Debian package python3-nbformat");
        }
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
