package vmlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The four kinds of code-cell output in nbformat 4, built as the JSON that goes in a cell's {@code outputs}. */
public final class Outputs {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Outputs() {
    }

    /** Text a cell printed; {@code name} is "stdout" or "stderr". */
    public static ObjectNode stream(String name, String text) {
        ObjectNode output = JSON.objectNode();
        output.put("output_type", "stream");
        output.put("name", name);
        output.put("text", text);
        return output;
    }

    /** A rich display: {@code data} maps MIME types to content, {@code metadata} holds e.g. image sizes. */
    public static ObjectNode displayData(JsonNode data, JsonNode metadata) {
        ObjectNode output = JSON.objectNode();
        output.put("output_type", "display_data");
        output.set("data", data == null ? JSON.objectNode() : data.deepCopy());
        output.set("metadata", metadata == null ? JSON.objectNode() : metadata.deepCopy());
        return output;
    }

    /** The value of a cell's last expression. */
    public static ObjectNode executeResult(int executionCount, JsonNode data, JsonNode metadata) {
        ObjectNode output = displayData(data, metadata);
        output.put("output_type", "execute_result");
        output.put("execution_count", executionCount);
        return output;
    }

    /** An error, with its traceback lines (which may carry ANSI colours, as Jupyter's do). */
    public static ObjectNode error(String ename, String evalue, List<String> traceback) {
        ObjectNode output = JSON.objectNode();
        output.put("output_type", "error");
        output.put("ename", ename);
        output.put("evalue", evalue);
        traceback.forEach(output.putArray("traceback")::add);
        return output;
    }
}
