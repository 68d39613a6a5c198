package vmlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of a notebook, a live view of its JSON: edits go straight into the notebook, and fields we do not model (attachments,
 * metadata of other tools such as nbgrader) survive a read and a write untouched.
 */
public final class Cell {

    /** The three cell types of nbformat 4. */
    public enum Type { CODE, MARKDOWN, RAW }

    private final ObjectNode json;

    Cell(ObjectNode json) {
        this.json = json;
    }

    /** A new code cell with the given source and no outputs. */
    public static Cell code(String source) {
        Cell cell = blank("code", source);
        cell.json.putNull("execution_count");
        cell.json.putArray("outputs");
        return cell;
    }

    /** A new markdown cell. */
    public static Cell markdown(String source) {
        return blank("markdown", source);
    }

    private static Cell blank(String type, String source) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("cell_type", type);
        json.put("id", CellIds.fresh());
        json.putObject("metadata");
        json.put("source", source);
        return new Cell(json);
    }

    public Type type() {
        return Type.valueOf(json.path("cell_type").asText().toUpperCase());
    }

    public boolean isCode() {
        return type() == Type.CODE;
    }

    public String id() {
        return json.path("id").asText(null);
    }

    /** The source as one string, whether the file stored it as a string or as a list of lines. */
    public String source() {
        return MultilineText.join(json.get("source"));
    }

    public Cell source(String source) {
        json.put("source", source);
        return this;
    }

    /** The cell's metadata object, created if absent. Other tools keep their own namespaces in it (nbgrader, vmlab). */
    public ObjectNode metadata() {
        JsonNode metadata = json.get("metadata");
        if (metadata instanceof ObjectNode object) {
            return object;
        }
        return json.putObject("metadata");
    }

    /** The tags in {@code metadata.tags}, for example {@code raises-exception}. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        metadata().path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    public boolean hasTag(String tag) {
        return tags().contains(tag);
    }

    /** The outputs of a code cell (empty for other cells). */
    public List<ObjectNode> outputs() {
        List<ObjectNode> outputs = new ArrayList<>();
        json.path("outputs").forEach(output -> outputs.add((ObjectNode) output));
        return outputs;
    }

    /** Appends an output, as made by {@link Outputs}. */
    public Cell addOutput(ObjectNode output) {
        outputsArray().add(output);
        return this;
    }

    /** Removes all outputs and the execution count: a cell as it was before it ran. */
    public Cell clearOutputs() {
        if (isCode()) {
            json.putArray("outputs");
            json.putNull("execution_count");
        }
        return this;
    }

    public Integer executionCount() {
        JsonNode count = json.get("execution_count");
        return count == null || count.isNull() ? null : count.asInt();
    }

    public Cell executionCount(Integer count) {
        if (count == null) {
            json.putNull("execution_count");
        } else {
            json.put("execution_count", count);
        }
        return this;
    }

    /** The underlying JSON, for tools that need a field this class does not model. */
    public ObjectNode json() {
        return json;
    }

    /** A deep copy, detached from its notebook. */
    public Cell copy() {
        return new Cell(json.deepCopy());
    }

    private ArrayNode outputsArray() {
        JsonNode outputs = json.get("outputs");
        if (outputs instanceof ArrayNode array) {
            return array;
        }
        return json.putArray("outputs");
    }

    @Override
    public String toString() {
        String firstLine = source().lines().findFirst().orElse("");
        return type().name().toLowerCase() + " cell " + (id() == null ? "" : id() + " ") + "\"" + firstLine + "\"";
    }
}
