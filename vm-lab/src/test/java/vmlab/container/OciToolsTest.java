package vmlab.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.os.MemoryTree;

/**
 * Our layouts checked by the real tools: Debian's {@code umoci} unpacks what we write, {@code skopeo} inspects it,
 * and we import what {@code skopeo copy} rewrote. Skipped, with a message, only where a tool is not installed.
 */
class OciToolsTest {
    @TempDir
    Path folder;

    private static ImageSource image() throws Exception {
        MemoryTree app = new MemoryTree();
        app.makeDirectory("etc");
        app.writeAll("etc/greeting", "hello from a layer\n".getBytes(StandardCharsets.UTF_8));
        app.writeAll("etc/.wh.motd", new byte[0]);
        return LocalImage.corpus().withLayer("tools:1", app,
                ImageConfig.command("identity", "read:/etc/greeting").withEntrypoint("/bin/sh-free").withLabel("course", "vmlab"));
    }

    @Test
    void umociUnpacksOurLayoutWithTheWhiteoutApplied() throws Exception {
        assumeTrue(installed("umoci"), "umoci is not installed (apt-get install umoci); skipping the umoci check");
        Path layout = folder.resolve("ours");
        OciLayout.at(layout).write(image(), "1.0");
        Path bundle = folder.resolve("bundle");
        String out = run("umoci", "unpack", "--rootless", "--image", layout + ":1.0", bundle.toString());
        Path rootfs = bundle.resolve("rootfs");
        assertEquals("hello from a layer\n", Files.readString(rootfs.resolve("etc/greeting")), out);
        assertTrue(Files.isRegularFile(rootfs.resolve("bin/identity")), "the corpus layer is unpacked");
        assertTrue(Files.isExecutable(rootfs.resolve("bin/identity")), "programs are executable");
        assertTrue(!Files.exists(rootfs.resolve("etc/motd")), "umoci applied our whiteout");
        JsonNode runtime = new ObjectMapper().readTree(bundle.resolve("config.json").toFile());
        assertEquals("/bin/sh-free", runtime.at("/process/args/0").asText(), "the runtime spec has our entrypoint");
    }

    @Test
    void skopeoInspectReadsOurDigestLayersAndLabels() throws Exception {
        assumeTrue(installed("skopeo"), "skopeo is not installed (apt-get install skopeo); skipping the skopeo check");
        Path layout = folder.resolve("ours");
        String manifest = OciLayout.at(layout).write(image(), "1.0");
        JsonNode info = new ObjectMapper().readTree(run("skopeo", "inspect", "oci:" + layout + ":1.0"));
        assertEquals(manifest, info.get("Digest").asText());
        assertEquals(2, info.get("Layers").size());
        assertEquals("vmlab", info.at("/Labels/course").asText());
        assertEquals("linux", info.get("Os").asText());
    }

    @Test
    void aLayoutThatSkopeoCopyRewroteImportsAndRuns() throws Exception {
        assumeTrue(installed("skopeo"), "skopeo is not installed (apt-get install skopeo); skipping the skopeo check");
        Path ours = folder.resolve("ours");
        Path theirs = folder.resolve("theirs");
        String ourManifest = OciLayout.at(ours).write(image(), "1.0");
        // skopeo copies blobs it can keep; through a dir: with decompression it writes uncompressed layers and a
        // manifest of its own, so our reader meets a layout it did not write.
        Path dirCopy = folder.resolve("dir-copy");
        run("skopeo", "copy", "--dest-decompress", "oci:" + ours + ":1.0", "dir:" + dirCopy);
        run("skopeo", "copy", "--dest-oci-accept-uncompressed-layers", "dir:" + dirCopy, "oci:" + theirs + ":copied");
        OciImage copied = OciLayout.at(theirs).read("copied");
        assertEquals("theirs:copied", copied.reference());
        assertTrue(!copied.manifestDigest().equals(ourManifest), "skopeo wrote a manifest of its own");
        assertTrue(Files.readString(theirs.resolve("blobs/sha256").resolve(copied.manifestDigest().substring(7)))
                .contains(OciLayout.LAYER_TAR_TYPE + "\""), "with uncompressed layers");
        ContainerHost host = ContainerHost.create();
        Container c = host.load(copied).run("theirs:copied", new RunOptions().entrypoint("identity"), "read:/etc/greeting");
        assertEquals(0, c.exitCode(), c.logs());
        assertTrue(c.logs().contains("read:/etc/greeting: hello from a layer"), c.logs());
    }

    private static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a tool, fails the test with its output if it fails, and returns its standard output. */
    private String run(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + Files.readString(err) + out);
        return out;
    }
}
