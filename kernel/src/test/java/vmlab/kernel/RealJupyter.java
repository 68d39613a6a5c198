package vmlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the real Jupyter tools (Debian packages) against the built jar's kernelspec, for the integration tests. */
final class RealJupyter {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path JUPYTER = Path.of("/usr/bin/jupyter");

    private RealJupyter() {
    }

    record Run(int exit, String output) {
    }

    static Path jar() {
        Path jar = Path.of("target", "vmlab.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the integration tests need " + jar + " (mvn verify builds it)");
        return jar;
    }

    /** Fails with the Debian package to install when a Python module is missing. */
    static void requirePythonModule(String module, String debianPackage) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            fail("missing " + PYTHON + ": apt-get install python3");
        }
        Run probe = run(List.of(PYTHON.toString(), "-c", "import " + module), null, Map.of(), 60);
        if (probe.exit() != 0) {
            fail("Python module " + module + " is missing: apt-get install " + debianPackage + "\n" + probe.output());
        }
    }

    /** Installs the kernelspec with the real {@code vmlab install --prefix} and returns the JUPYTER_PATH to use. */
    static Path installKernelspec(Path prefix) throws Exception {
        Run install = run(List.of(java(), "-jar", jar().toString(), "install", "--prefix", prefix.toString(), "--reference"),
                null, Map.of(), 120);
        assertEquals(0, install.exit(), install.output());
        Path data = prefix.resolve("share").resolve("jupyter");
        assertTrue(Files.isRegularFile(data.resolve("kernels/vmlab/kernel.json")), install.output());
        return data;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Run run(List<String> command, Path directory, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5_000);
            fail("timed out after " + timeoutSeconds + " s: " + command + "\n" + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Run(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }
}
