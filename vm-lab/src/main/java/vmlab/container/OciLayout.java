package vmlab.container;

import vmlab.filesystem.AtomicFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import vmlab.os.FileTree;
import vmlab.os.MemoryTree;

/**
 * An OCI image layout 1.0 on disk, the format {@code umoci}, {@code skopeo} and {@code podman} exchange images in:
 * <pre>
 * DIR/oci-layout            {"imageLayoutVersion":"1.0.0"}
 * DIR/index.json            the manifests, each tagged by its org.opencontainers.image.ref.name annotation
 * DIR/blobs/sha256/HEX      manifests, configs and gzip-compressed tar layers, named by the sha256 of their bytes
 * </pre>
 * {@link #write} exports any {@link ImageSource}; {@link #read} imports a tagged image and checks every digest, size
 * and layer entry on the way (a mismatch or a hostile layer is refused, naming the file). Writes are atomic: each
 * blob and then the index go to a temporary file, are flushed to disk and renamed into place, so a layout is never
 * half-written. Reading changes nothing.
 * <pre>
 * OciLayout.at(Path.of("out")).write(host.image("corpus"), "latest");
 * host.load(OciLayout.at(Path.of("out")).read("latest"));
 * </pre>
 */
public final class OciLayout {
    public static final String LAYOUT_FILE = "oci-layout", INDEX_FILE = "index.json";
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    public static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER_GZIP_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String LAYER_TAR_TYPE = "application/vnd.oci.image.layer.v1.tar";
    private static final String DOCKER_LAYER_GZIP_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final String DOCKER_MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    /** Manifests, configs and indexes are small; a bigger one is refused before it is read. */
    private static final long LARGEST_JSON = 4L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private LayerTar.Limits limits = new LayerTar.Limits(256L << 20, 100_000);

    private OciLayout(Path root) {
        this.root = root;
    }

    /** The layout in folder {@code root} (which {@link #write} creates if it is missing). */
    public static OciLayout at(Path root) {
        return new OciLayout(root);
    }

    public Path root() {
        return root;
    }

    /**
     * At most {@code maxBytes} uncompressed bytes and {@code maxEntries} tar entries per layer on import (default
     * 256 MiB and 100,000): a gzip stream of a few KiB can otherwise unpack to gigabytes.
     */
    public OciLayout limits(long maxBytes, int maxEntries) {
        this.limits = new LayerTar.Limits(maxBytes, maxEntries);
        return this;
    }

    // ---- export ---------------------------------------------------------------------------------------------------

    /**
     * Writes {@code image} into this layout under {@code tag} (replacing an image of the same tag, keeping the
     * others) and returns the manifest's digest.
     */
    public String write(ImageSource image, String tag) {
        checkTag(tag);
        try {
            List<Map<String, Object>> index = prepareForWriting();
            List<Object> layerDescriptors = new ArrayList<>();
            List<String> diffIds = new ArrayList<>();
            for (FileTree layer : image.layers()) {
                byte[] tar = LayerTar.write(layer);
                diffIds.add(digest(tar));
                layerDescriptors.add(descriptor(LAYER_GZIP_TYPE, writeBlob(gzip(tar))));
            }
            byte[] config = JSON.writeValueAsBytes(configJson(image.config(), diffIds));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MANIFEST_TYPE);
            manifest.put("config", descriptor(CONFIG_TYPE, writeBlob(config)));
            manifest.put("layers", layerDescriptors);
            Blob manifestBlob = writeBlob(JSON.writeValueAsBytes(manifest));
            Map<String, Object> entry = descriptor(MANIFEST_TYPE, manifestBlob);
            entry.put("annotations", Map.of(REF_NAME, tag));
            index.removeIf(m -> m.get("annotations") instanceof Map<?, ?> a && tag.equals(a.get(REF_NAME)));
            index.add(entry);
            Map<String, Object> indexJson = new LinkedHashMap<>();
            indexJson.put("schemaVersion", 2);
            indexJson.put("mediaType", INDEX_TYPE);
            indexJson.put("manifests", index);
            // The index goes last: until it is renamed into place, the layout still describes the old images.
            AtomicFile.write(root.resolve(INDEX_FILE), JSON.writeValueAsBytes(indexJson));
            return manifestBlob.digest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OCI layout " + root + ": " + e.getMessage(), e);
        }
    }

    /** The manifests already listed (to keep), after making sure {@code root} is a layout or may become one. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> prepareForWriting() throws IOException {
        Files.createDirectories(root);
        if (!Files.exists(root.resolve(LAYOUT_FILE))) {
            try (var listing = Files.list(root)) {
                if (listing.findAny().isPresent()) {
                    throw new ContainerException(ContainerException.DAEMON, root + " is not empty and has no "
                            + LAYOUT_FILE + " file; refusing to write an OCI layout into it");
                }
            }
            AtomicFile.write(root.resolve(LAYOUT_FILE), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            checkLayoutFile();
        }
        Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        if (!Files.exists(root.resolve(INDEX_FILE))) {
            return new ArrayList<>();
        }
        JsonNode index = readIndex();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (JsonNode m : index.get("manifests")) {
            kept.add(JSON.convertValue(m, LinkedHashMap.class));
        }
        return kept;
    }

    private static Map<String, Object> configJson(ImageConfig c, List<String> diffIds) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<String> env = new ArrayList<>();
        new java.util.TreeMap<>(c.env()).forEach((k, v) -> env.add(k + "=" + v));
        config.put("Env", env);
        if (!c.entrypoint().isEmpty()) {
            config.put("Entrypoint", c.entrypoint());
        }
        if (!c.cmd().isEmpty()) {
            config.put("Cmd", c.cmd());
        }
        config.put("WorkingDir", c.workingDir());
        if (!c.labels().isEmpty()) {
            config.put("Labels", new java.util.TreeMap<>(c.labels()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", "1970-01-01T00:00:00Z");   // fixed, so that the same image always has the same digest
        // The lab's guests are RV32 Linux programs; Go (and so the OCI spec's list) has no name for RV32.
        json.put("architecture", "riscv32");
        json.put("os", "linux");
        json.put("config", config);
        json.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return json;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        GzipParameters p = new GzipParameters();
        p.setModificationTime(0);   // deterministic, like the tar inside
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out, p)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private record Blob(String digest, long size) {
    }

    private static Map<String, Object> descriptor(String mediaType, Blob blob) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", blob.digest());
        d.put("size", blob.size());
        return d;
    }

    private Blob writeBlob(byte[] bytes) throws IOException {
        String digest = digest(bytes);
        Path file = blobPath(digest);
        if (!Files.exists(file) || Files.size(file) != bytes.length) {
            AtomicFile.write(file, bytes);
        }
        return new Blob(digest, bytes.length);
    }

    // ---- import ---------------------------------------------------------------------------------------------------

    /** The tags in this layout's index, in order. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        try {
            checkLayoutFile();
            for (JsonNode m : readIndex().get("manifests")) {
                JsonNode name = m.path("annotations").path(REF_NAME);
                if (name.isTextual()) {
                    tags.add(name.asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": " + e.getMessage(), e);
        }
        return tags;
    }

    /** The image tagged {@code tag}, named "LAYOUT-FOLDER:TAG" (lowercased) on the container host. */
    public OciImage read(String tag) {
        String folder = root.toAbsolutePath().normalize().getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        return read(tag, (folder.isEmpty() ? "oci" : folder) + ":" + tag.replaceAll("[^A-Za-z0-9_.-]", "-"));
    }

    /** The image tagged {@code tag}, named {@code reference} on the container host. */
    public OciImage read(String tag, String reference) {
        try {
            checkLayoutFile();
            JsonNode index = readIndex();
            JsonNode chosen = null;
            for (JsonNode m : index.get("manifests")) {
                if (tag.equals(m.path("annotations").path(REF_NAME).asText(null))) {
                    chosen = m;
                }
            }
            if (chosen == null) {
                throw new ContainerException(ContainerException.DAEMON, root.resolve(INDEX_FILE) + " has no image "
                        + "tagged '" + tag + "' (" + REF_NAME + "); tags: " + tags());
            }
            String manifestType = text(chosen, "mediaType", INDEX_FILE);
            if (!manifestType.equals(MANIFEST_TYPE) && !manifestType.equals(DOCKER_MANIFEST_TYPE)) {
                throw malformed(INDEX_FILE, "the image tagged '" + tag + "' is a " + manifestType
                        + ", not an image manifest (multi-platform indexes are not supported)");
            }
            String manifestDigest = text(chosen, "digest", INDEX_FILE);
            JsonNode manifest = parse(readJsonBlob(chosen, INDEX_FILE), "manifest " + manifestDigest);
            String manifestName = "manifest " + manifestDigest;
            JsonNode configDescriptor = object(manifest, "config", manifestName);
            String configDigest = text(configDescriptor, "digest", manifestName);
            String configName = "config " + configDigest;
            JsonNode config = parse(readJsonBlob(configDescriptor, manifestName), configName);
            JsonNode diffIds = object(config, "rootfs", configName).path("diff_ids");
            JsonNode layers = manifest.path("layers");
            if (!layers.isArray() || !diffIds.isArray()) {
                throw malformed(layers.isArray() ? configName : manifestName,
                        layers.isArray() ? "rootfs.diff_ids is missing or not a list" : "\"layers\" is missing or not a list");
            }
            if (layers.size() != diffIds.size()) {
                throw malformed(configName, "lists " + diffIds.size() + " diff_ids for " + layers.size() + " layers");
            }
            List<MemoryTree> trees = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                trees.add(readLayer(layers.get(i), diffIds.get(i).asText(), manifestName));
            }
            return new OciImage(reference, trees, imageConfig(config.path("config"), configName), configDigest,
                    manifestDigest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OCI layout " + root + ": " + e.getMessage(), e);
        }
    }

    private void checkLayoutFile() throws IOException {
        Path file = root.resolve(LAYOUT_FILE);
        if (!Files.isDirectory(root)) {
            throw new ContainerException(ContainerException.DAEMON, root + " is not a folder, so not an OCI layout");
        }
        if (!Files.isRegularFile(file)) {
            throw malformed(LAYOUT_FILE, "is missing: an OCI layout starts with {\"imageLayoutVersion\":\"1.0.0\"}");
        }
        JsonNode layout = parse(readSmall(file, LAYOUT_FILE), LAYOUT_FILE);
        String version = text(layout, "imageLayoutVersion", LAYOUT_FILE);
        if (!version.startsWith("1.")) {
            throw malformed(LAYOUT_FILE, "says imageLayoutVersion " + version + "; this reader knows 1.x");
        }
    }

    private JsonNode readIndex() throws IOException {
        Path file = root.resolve(INDEX_FILE);
        if (!Files.isRegularFile(file)) {
            throw malformed(INDEX_FILE, "is missing");
        }
        JsonNode index = parse(readSmall(file, INDEX_FILE), INDEX_FILE);
        if (index.path("schemaVersion").asInt() != 2) {
            throw malformed(INDEX_FILE, "has schemaVersion " + index.path("schemaVersion") + ", not 2");
        }
        if (!index.path("manifests").isArray()) {
            throw malformed(INDEX_FILE, "has no \"manifests\" list");
        }
        return index;
    }

    private MemoryTree readLayer(JsonNode descriptor, String diffId, String manifestName) throws IOException {
        String type = text(descriptor, "mediaType", manifestName);
        String digest = text(descriptor, "digest", manifestName);
        boolean gzip = type.equals(LAYER_GZIP_TYPE) || type.equals(DOCKER_LAYER_GZIP_TYPE);
        if (!gzip && !type.equals(LAYER_TAR_TYPE)) {
            throw malformed(manifestName, "has a layer of media type " + type + "; supported: " + LAYER_GZIP_TYPE
                    + " and " + LAYER_TAR_TYPE);
        }
        Path file = checkedBlob(descriptor, manifestName, Long.MAX_VALUE);
        String name = digest.substring(0, Math.min(19, digest.length()));
        MessageDigest uncompressed = sha256();
        try (InputStream blob = Files.newInputStream(file);
             InputStream raw = gzip ? new GzipCompressorInputStream(blob, true) : blob;
             InputStream counted = new DigestInputStream(raw, uncompressed)) {
            MemoryTree tree = LayerTar.read(counted, name, limits);
            String actual = "sha256:" + HexFormat.of().formatHex(uncompressed.digest());
            if (!actual.equals(diffId)) {
                throw new ContainerException(ContainerException.DAEMON, "layer " + name + ": the uncompressed tar's "
                        + "digest is " + actual + " but the config's rootfs.diff_ids says " + diffId);
            }
            return tree;
        } catch (IOException e) {
            throw new ContainerException(ContainerException.DAEMON, "layer " + name + " is not a readable "
                    + (gzip ? "gzip-compressed " : "") + "tar: " + (e.getMessage() != null ? e.getMessage() : e));
        }
    }

    private byte[] readJsonBlob(JsonNode descriptor, String from) throws IOException {
        return Files.readAllBytes(checkedBlob(descriptor, from, LARGEST_JSON));
    }

    /** The blob a descriptor names, after checking its digest's form, its size and its sha256. */
    private Path checkedBlob(JsonNode descriptor, String from, long largest) throws IOException {
        String digest = text(descriptor, "digest", from);
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw malformed(from, "names the blob '" + digest + "'; expected sha256: and 64 lowercase hex digits");
        }
        long size = descriptor.path("size").asLong(-1);
        Path file = blobPath(digest);
        if (!Files.isRegularFile(file)) {
            throw new ContainerException(ContainerException.DAEMON, "blob " + digest + " (named in " + from
                    + ") is missing from " + root.resolve("blobs/sha256"));
        }
        long actualSize = Files.size(file);
        if (size >= 0 && actualSize != size) {
            throw new ContainerException(ContainerException.DAEMON, "blob " + digest + " has " + actualSize
                    + " bytes but " + from + " says " + size);
        }
        if (actualSize > largest) {
            throw new ContainerException(ContainerException.DAEMON, "blob " + digest + " has " + actualSize
                    + " bytes, more than the " + largest + " a manifest or config may have");
        }
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(digest)) {
            throw new ContainerException(ContainerException.DAEMON, "digest mismatch: " + from + " expects blob "
                    + digest + " but its contents hash to " + actual);
        }
        return file;
    }

    private static ImageConfig imageConfig(JsonNode c, String name) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : c.path("Env")) {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        try {
            return new ImageConfig(strings(c.path("Entrypoint")), strings(c.path("Cmd")), env,
                    c.path("WorkingDir").asText(""), labels);
        } catch (IllegalArgumentException e) {
            throw malformed(name, e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Path blobPath(String digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    private static byte[] readSmall(Path file, String name) throws IOException {
        if (Files.size(file) > LARGEST_JSON) {
            throw malformed(name, "is larger than " + LARGEST_JSON + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private static JsonNode parse(byte[] bytes, String name) {
        try {
            JsonNode node = JSON.readTree(new ByteArrayInputStream(bytes));
            if (node == null || !node.isObject()) {
                throw malformed(name, "is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(name, "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(name, "cannot be read: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(name, "has no \"" + field + "\" string");
        }
        return value.asText();
    }

    private static JsonNode object(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw malformed(name, "has no \"" + field + "\" object");
        }
        return value;
    }

    private static ContainerException malformed(String file, String what) {
        return new ContainerException(ContainerException.DAEMON, "malformed OCI layout: " + file + " " + what);
    }

    private static void checkTag(String tag) {
        if (tag == null || !tag.matches("[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,127}")) {
            throw new ContainerException(ContainerException.DAEMON, "invalid tag '" + tag + "' for an OCI layout");
        }
    }

    static String digest(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
