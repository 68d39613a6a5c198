package vmlab.notebook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Jupyter notebook in nbformat 4, read and written with Jackson. It is a live view of the JSON, so whatever we do not model
 * (other tools' metadata, attachments) survives a round trip. Files are written as nbformat 4.5, the way Jupyter writes them:
 * one-space indent, sorted keys, sources as lists of lines, a cell id on every cell.
 */
public final class Notebook {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

    private final ObjectNode json;
    private final String origin;

    private Notebook(ObjectNode json, String origin) {
        this.json = json;
        this.origin = origin;
    }

    /** An empty notebook whose kernel is VM Lab's. */
    public static Notebook create() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("nbformat", 4);
        json.put("nbformat_minor", 5);
        ObjectNode metadata = json.putObject("metadata");
        ObjectNode kernelspec = metadata.putObject("kernelspec");
        kernelspec.put("name", "vmlab");
        kernelspec.put("display_name", "VM Lab (Java)");
        kernelspec.put("language", "java");
        metadata.putObject("language_info").put("name", "java");
        json.putArray("cells");
        return new Notebook(json, "new notebook");
    }

    /** Reads and checks a notebook file; a malformed one gets a {@link NotebookFormatException} that says what and where. */
    public static Notebook read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NotebookFormatException(file.toString(), "cannot read the file: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses notebook JSON; {@code origin} names it in error messages (a file name, "submission 12"). */
    public static Notebook parse(String text, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? origin : origin + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new NotebookFormatException(where, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new NotebookFormatException(origin, "a notebook is a JSON object, but this file holds " + kind(root));
        }
        Notebook notebook = new Notebook(object, origin);
        notebook.check();
        return notebook;
    }

    private void check() {
        int major = json.path("nbformat").asInt(-1);
        if (major != 4) {
            throw new NotebookFormatException(origin, json.has("nbformat")
                    ? "nbformat " + json.get("nbformat") + " is not supported; VM Lab reads nbformat 4 (upgrade it with "
                            + "'jupyter nbconvert --to notebook')"
                    : "no 'nbformat' field: this does not look like a Jupyter notebook");
        }
        JsonNode cells = json.get("cells");
        if (!(cells instanceof ArrayNode)) {
            throw new NotebookFormatException(origin, "'cells' must be a list, but it is " + kind(cells));
        }
        for (int i = 0; i < cells.size(); i++) {
            String where = origin + ": cell " + (i + 1);
            JsonNode cell = cells.get(i);
            if (!(cell instanceof ObjectNode)) {
                throw new NotebookFormatException(where, "a cell is a JSON object, but this one is " + kind(cell));
            }
            String type = cell.path("cell_type").asText("");
            if (!CELL_TYPES.contains(type)) {
                throw new NotebookFormatException(where, "'cell_type' is " + cell.get("cell_type")
                        + "; it must be one of code, markdown, raw");
            }
            JsonNode source = cell.get("source");
            if (source == null || !(source.isTextual() || source.isArray())) {
                throw new NotebookFormatException(where, "'source' must be a string or a list of strings");
            }
            JsonNode metadata = cell.get("metadata");
            if (metadata != null && !metadata.isObject()) {
                throw new NotebookFormatException(where, "'metadata' must be an object, but it is " + kind(metadata));
            }
        }
        if (!json.path("metadata").isObject()) {
            json.putObject("metadata");
        }
    }

    private static String kind(JsonNode node) {
        return node == null ? "missing" : node.getNodeType().name().toLowerCase();
    }

    /** The cells, in order, as live views. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        json.get("cells").forEach(cell -> cells.add(new Cell((ObjectNode) cell)));
        return cells;
    }

    /** Replaces all cells (for tools that filter or reorder them). */
    public Notebook cells(List<Cell> cells) {
        ArrayNode array = json.putArray("cells");
        cells.forEach(cell -> array.add(cell.json()));
        return this;
    }

    public Notebook add(Cell cell) {
        ((ArrayNode) json.get("cells")).add(cell.json());
        return this;
    }

    /** The notebook-level metadata (kernelspec, language_info, ...). */
    public ObjectNode metadata() {
        return (ObjectNode) json.get("metadata");
    }

    /** Where this notebook came from, as used in messages. */
    public String origin() {
        return origin;
    }

    /** A deep copy that can be edited without touching this one. */
    public Notebook copy() {
        return new Notebook(json.deepCopy(), origin);
    }

    /** The notebook as nbformat 4.5 JSON text, formatted as Jupyter formats it. */
    public String toJson() {
        ObjectNode out = json.deepCopy();
        out.put("nbformat", 4);
        out.put("nbformat_minor", Math.max(5, json.path("nbformat_minor").asInt(5)));
        Set<String> seen = new HashSet<>();
        for (JsonNode node : out.withArray("cells")) {
            ObjectNode cell = (ObjectNode) node;
            String id = cell.path("id").asText("");
            if (!CellIds.VALID.matcher(id).matches() || !seen.add(id)) {
                do {
                    id = CellIds.fresh();
                } while (!seen.add(id));
                cell.put("id", id);
            }
            cell.set("source", MultilineText.split(MultilineText.join(cell.get("source"))));
            if (!cell.has("metadata")) {
                cell.putObject("metadata");
            }
            for (JsonNode output : cell.path("outputs")) {
                if (output.has("text") && output.get("text").isTextual()) {
                    ((ObjectNode) output).set("text", MultilineText.split(output.get("text").asText()));
                }
                if (output.get("data") instanceof ObjectNode data) {
                    splitTextMimes(data);
                }
            }
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            // Sort keys through a tree -> map round trip, as nbformat does with sort_keys=True.
            Object sorted = MAPPER.treeToValue(out, Object.class);
            return MAPPER.writer(printer).writeValueAsString(sorted) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notebook tree always serializes", e);
        }
    }

    /** Text MIME types (and SVG, JavaScript) are written as lists of lines, exactly as nbformat's split_lines does. */
    private static void splitTextMimes(ObjectNode data) {
        List<String> keys = new ArrayList<>();
        data.fieldNames().forEachRemaining(keys::add);
        for (String mime : keys) {
            JsonNode value = data.get(mime);
            if (value.isTextual() && (mime.startsWith("text/") || mime.equals("image/svg+xml")
                    || mime.equals("application/javascript"))) {
                data.set(mime, MultilineText.split(value.asText()));
            }
        }
    }

    /** Writes the notebook, creating parent folders; the file is replaced atomically so a crash never leaves half a notebook. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
            Files.writeString(partial, toJson(), StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write notebook " + file, e);
        }
    }

    @Override
    public String toString() {
        return origin + " (" + cells().size() + " cells)";
    }
}
