package vmlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallCommandTest {

    @Test
    void installWritesTheVmLabKernelspecUnderThePrefixAndCopiesTheJar(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("vmlab.jar"), "not really a jar");
        Path prefix = tmp.resolve("env");
        int exit = VmLab.commandLine().execute("install", "--prefix", prefix.toString(), "--jar", jar.toString());
        assertEquals(0, exit);
        Path dir = prefix.resolve("share/jupyter/kernels/vmlab");
        JsonNode spec = new ObjectMapper().readTree(dir.resolve("kernel.json").toFile());
        assertEquals("VM Lab (Java)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText(), "interrupts arrive as messages, not SIGINT");
        String argv = spec.path("argv").toString();
        assertTrue(argv.contains(dir.resolve("vmlab.jar").toString()), argv);
        assertTrue(argv.endsWith("\"kernel\",\"{connection_file}\"]"), argv);
        assertTrue(Files.isRegularFile(dir.resolve("vmlab.jar")), "the jar was copied next to kernel.json");
    }

    @Test
    void withReferenceTheKernelspecPointsAtTheJarInPlace(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("build-vmlab.jar"), "jar");
        int exit = VmLab.commandLine().execute("install", "--prefix", tmp.toString(), "--jar", jar.toString(), "--reference");
        assertEquals(0, exit);
        String spec = Files.readString(tmp.resolve("share/jupyter/kernels/vmlab/kernel.json"));
        assertTrue(spec.contains(jar.toAbsolutePath().toString()), spec);
    }

    @Test
    void theUserDirectoryFollowsJupyterRules() {
        Path user = InstallCommand.userDataDirectory();
        String explicit = System.getenv("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            assertEquals(Path.of(explicit), user);
        } else {
            assertTrue(user.endsWith("jupyter"), user.toString());
        }
    }
}
