package vmlab.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.os.MemoryTree;

/** OCI image layouts: an image goes out and comes back runnable, and every kind of bad layout is refused. */
class OciLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContainerHost host = ContainerHost.create();

    @TempDir
    Path folder;

    /** The corpus image plus a layer that adds /etc/greeting and whites out /etc/motd. */
    private ImageSource twoLayerImage() throws Exception {
        MemoryTree app = new MemoryTree();
        app.makeDirectory("etc");
        app.writeAll("etc/greeting", "hello from a layer\n".getBytes(StandardCharsets.UTF_8));
        app.writeAll("etc/.wh.motd", new byte[0]);
        return LocalImage.corpus().withLayer("app:1", app,
                ImageConfig.command("identity", "read:/etc/greeting", "read:/etc/motd").withLabel("course", "vmlab"));
    }

    @Test
    void anExportedImageComesBackWithItsLayersWhiteoutsAndConfigAndRuns() throws Exception {
        Path dir = folder.resolve("layout");
        String manifest = OciLayout.at(dir).write(twoLayerImage(), "1.0");
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("oci-layout")));
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        assertEquals("1.0", index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText());
        assertEquals(manifest, index.at("/manifests/0/digest").asText());

        OciImage back = OciLayout.at(dir).read("1.0", "app:back");
        assertEquals(2, back.layers().size());
        assertEquals("vmlab", back.config().labels().get("course"));
        assertEquals(manifest, back.manifestDigest());
        assertTrue(back.id().startsWith("sha256:"));
        Container c = host.load(back).run("app:back");
        assertEquals(0, c.exitCode(), c.logs());
        assertTrue(c.logs().contains("read:/etc/greeting: hello from a layer"), c.logs());
        assertTrue(c.logs().contains("read:/etc/motd: error 2"), "the whiteout hides motd: " + c.logs());
    }

    @Test
    void theDiffIdsAreDigestsOfTheUncompressedTarsAndTheLayersAreGzip() throws Exception {
        Path dir = folder.resolve("layout");
        OciLayout.at(dir).write(twoLayerImage(), "1.0");
        JsonNode manifest = blob(dir, JSON.readTree(dir.resolve("index.json").toFile()).at("/manifests/0/digest").asText());
        JsonNode config = blob(dir, manifest.at("/config/digest").asText());
        for (int i = 0; i < 2; i++) {
            JsonNode layer = manifest.get("layers").get(i);
            assertEquals(OciLayout.LAYER_GZIP_TYPE, layer.get("mediaType").asText());
            byte[] gz = Files.readAllBytes(blobFile(dir, layer.get("digest").asText()));
            assertEquals(0x1f, gz[0] & 0xff, "gzip magic");
            byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes();
            assertEquals(OciLayout.digest(tar), config.at("/rootfs/diff_ids/" + i).asText());
            assertTrue(!OciLayout.digest(gz).equals(OciLayout.digest(tar)));
        }
    }

    @Test
    void exportingTheSameImageTwiceGivesTheSameDigestsAndAnotherTagIsAdded() throws Exception {
        Path dir = folder.resolve("layout");
        String first = OciLayout.at(dir).write(twoLayerImage(), "a");
        String again = OciLayout.at(folder.resolve("other")).write(twoLayerImage(), "a");
        assertEquals(first, again, "deterministic tars and gzip: same files, same digest");
        OciLayout.at(dir).write(LocalImage.corpus(), "b");
        assertEquals(List.of("a", "b"), OciLayout.at(dir).tags());
        OciLayout.at(dir).write(LocalImage.corpus(), "a");
        assertEquals(List.of("b", "a"), OciLayout.at(dir).tags(), "re-tagging replaces the old entry");
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void aMissingOciLayoutFileIsRefusedByName() throws Exception {
        Path dir = folder.resolve("layout");
        OciLayout.at(dir).write(LocalImage.corpus(), "latest");
        Files.delete(dir.resolve("oci-layout"));
        ContainerException e = assertThrows(ContainerException.class, () -> OciLayout.at(dir).read("latest"));
        assertTrue(e.getMessage().contains("oci-layout is missing"), e.getMessage());
    }

    @Test
    void badJsonInTheIndexIsRefusedWithTheFileAndThePlace() throws Exception {
        Path dir = folder.resolve("layout");
        OciLayout.at(dir).write(LocalImage.corpus(), "latest");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\": 2,\n \"manifests\": [ {\"digest\": }");
        ContainerException e = assertThrows(ContainerException.class, () -> OciLayout.at(dir).read("latest"));
        assertTrue(e.getMessage().contains("index.json is not valid JSON (line 2"), e.getMessage());
        assertThrows(ContainerException.class, () -> OciLayout.at(dir).write(LocalImage.corpus(), "x"),
                "nor is a broken layout written into");
    }

    @Test
    void aTamperedBlobIsRefusedWithBothDigests() throws Exception {
        Path dir = folder.resolve("layout");
        OciLayout.at(dir).write(twoLayerImage(), "1.0");
        JsonNode manifest = blob(dir, JSON.readTree(dir.resolve("index.json").toFile()).at("/manifests/0/digest").asText());
        String configDigest = manifest.at("/config/digest").asText();
        Path config = blobFile(dir, configDigest);
        String json = Files.readString(config).replace("vmlab", "VMLAB");   // same size, other bytes
        Files.writeString(config, json);
        ContainerException e = assertThrows(ContainerException.class, () -> OciLayout.at(dir).read("1.0"));
        assertTrue(e.getMessage().contains("digest mismatch") && e.getMessage().contains(configDigest)
                && e.getMessage().contains(OciLayout.digest(json.getBytes(StandardCharsets.UTF_8))), e.getMessage());
    }

    @Test
    void aLayerWhoseTarDoesNotMatchItsDiffIdIsRefused() throws Exception {
        Path dir = handMadeLayout(tar(file("a.txt", "hi")), OciLayout.digest(new byte[]{1}));
        ContainerException e = assertThrows(ContainerException.class, () -> OciLayout.at(dir).read("t"));
        assertTrue(e.getMessage().contains("rootfs.diff_ids says sha256:4bf5122f"), e.getMessage());
    }

    @Test
    void aTarEntryThatClimbsOutWithDotDotIsRefused() throws Exception {
        assertRefused(tar(file("etc/../../escape.txt", "boo")), "climbs out of the layer");
    }

    @Test
    void anAbsoluteSymlinkIsRefusedAndARelativeOneStaysInside() throws Exception {
        assertRefused(tar(file("etc/passwd", "x"), symlink("etc/shadow", "/etc/shadow")), "absolute path that points outside");
        assertRefused(tar(symlink("bin/up", "../../../root")), "points outside the layer");
        Path dir = handMadeLayout(tar(file("bin/busybox", "box"), symlink("bin/sh", "busybox")), null);
        OciImage image = OciLayout.at(dir).read("t");
        assertArrayEquals("box".getBytes(StandardCharsets.UTF_8), image.layers().get(0).readAll("bin/sh", 100),
                "a link inside the layer becomes a copy");
    }

    @Test
    void deviceFilesAreRefused() throws Exception {
        TarArchiveEntry dev = new TarArchiveEntry("dev/sda", TarArchiveEntry.LF_BLK);
        dev.setDevMajor(8);
        assertRefused(tar(dev), "device file");
        assertRefused(tar(new TarArchiveEntry("dev/mem", TarArchiveEntry.LF_CHR)), "device file");
    }

    @Test
    void aDecompressionBombIsStoppedAtTheByteLimitAndTheEntryLimit() throws Exception {
        // 64 MiB of zeros compress to about 64 KiB of gzip.
        Path dir = handMadeLayout(tar(new Entry(new TarArchiveEntry("zeros"), new byte[64 << 20])), null);
        assertTrue(Files.walk(dir).mapToLong(p -> p.toFile().length()).sum() < 1 << 20, "the bomb is small on disk");
        ContainerException e = assertThrows(ContainerException.class,
                () -> OciLayout.at(dir).limits(16L << 20, 1000).read("t"));
        assertTrue(e.getMessage().contains("unpacks to more than 16777216 bytes"), e.getMessage());

        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(file("f" + i, ""));
        }
        Path flat = handMadeLayout(tar(many.toArray(new Entry[0])), null);
        e = assertThrows(ContainerException.class, () -> OciLayout.at(flat).limits(1 << 20, 20).read("t"));
        assertTrue(e.getMessage().contains("more than 20 entries"), e.getMessage());
    }

    @Test
    void refusingALayoutChangesNothingOnTheHost() throws Exception {
        Path dir = handMadeLayout(tar(file("../outside.txt", "boo")), null);
        List<String> before = listing(folder);
        assertThrows(ContainerException.class, () -> host.load(OciLayout.at(dir).read("t")));
        assertEquals(before, listing(folder));
        assertNull(host.images().stream().filter(i -> i.reference().startsWith("layout")).findAny().orElse(null));
    }

    // ---- hand-made layouts ----------------------------------------------------------------------------------------

    private record Entry(TarArchiveEntry header, byte[] contents) {
    }

    private static Entry file(String name, String text) {
        return new Entry(new TarArchiveEntry(name), text.getBytes(StandardCharsets.UTF_8));
    }

    private static Entry symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        return new Entry(e, new byte[0]);
    }

    private static byte[] tar(TarArchiveEntry... headers) throws IOException {
        return tar(Stream.of(headers).map(h -> new Entry(h, new byte[0])).toArray(Entry[]::new));
    }

    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (Entry e : entries) {
                e.header().setSize(e.contents().length);
                t.putArchiveEntry(e.header());
                t.write(e.contents());
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** A one-layer layout tagged "t" around {@code tar}, with correct digests unless {@code diffId} says otherwise. */
    private Path handMadeLayout(byte[] tar, String diffId) throws IOException {
        Path dir = Files.createTempDirectory(folder, "layout");
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream g = new GzipCompressorOutputStream(gz)) {
            g.write(tar);
        }
        Map<String, Object> layer = put(dir, OciLayout.LAYER_GZIP_TYPE, gz.toByteArray());
        Map<String, Object> config = put(dir, OciLayout.CONFIG_TYPE, JSON.writeValueAsBytes(Map.of(
                "architecture", "riscv32", "os", "linux", "config", Map.of("Cmd", List.of("hello")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId != null ? diffId : OciLayout.digest(tar))))));
        Map<String, Object> manifest = put(dir, OciLayout.MANIFEST_TYPE, JSON.writeValueAsBytes(Map.of(
                "schemaVersion", 2, "mediaType", OciLayout.MANIFEST_TYPE, "config", config, "layers", List.of(layer))));
        manifest.put("annotations", Map.of(OciLayout.REF_NAME, "t"));
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(manifest))));
        return dir;
    }

    private static Map<String, Object> put(Path dir, String type, byte[] bytes) throws IOException {
        String digest = OciLayout.digest(bytes);
        Files.write(blobFile(dir, digest), bytes);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", type);
        d.put("digest", digest);
        d.put("size", bytes.length);
        return d;
    }

    private void assertRefused(byte[] tar, String why) throws IOException {
        Path dir = handMadeLayout(tar, null);
        ContainerException e = assertThrows(ContainerException.class, () -> OciLayout.at(dir).read("t"));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(ContainerException.DAEMON, e.exitStatus());
    }

    private static Path blobFile(Path dir, String digest) {
        return dir.resolve("blobs/sha256").resolve(digest.substring(7));
    }

    private static JsonNode blob(Path dir, String digest) throws IOException {
        return JSON.readTree(blobFile(dir, digest).toFile());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }
}
