package vmlab.client;

import vmlab.jupyter.JupyterMessage;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.Outputs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns the iopub messages of one execution into nbformat outputs, in order, with the semantics of Jupyter's front ends and
 * nbclient: consecutive stream text of the same name is merged (as nbconvert's coalesce_streams does), display updates rewrite
 * earlier outputs, and {@code clear_output(wait=True)} clears only when the next output arrives, so a redrawn chart never
 * flickers to nothing.
 */
final class OutputCollector {

    /**
     * Text up to a carriage return that is not followed by a newline: a progress line that was overwritten. UNIX_LINES makes
     * '.' stop only at \n, as in Python, so the pattern is nbconvert's own.
     */
    private static final Pattern OVERWRITTEN_LINE = Pattern.compile(".*\r(?=[^\n])", Pattern.UNIX_LINES);

    private final List<ObjectNode> outputs = new ArrayList<>();
    private final LiveDisplays displays;
    private final Consumer<ObjectNode> listener;
    private boolean clearBeforeNextOutput;
    private Integer executionCount;

    OutputCollector(LiveDisplays displays, Consumer<ObjectNode> listener) {
        this.displays = displays;
        this.listener = listener;
    }

    /** Applies one iopub message that belongs to this execution. */
    void accept(JupyterMessage message) {
        ObjectNode content = message.content();
        if (content.has("execution_count") && content.get("execution_count").canConvertToInt()) {
            executionCount = content.get("execution_count").asInt();
        }
        String displayId = content.path("transient").path("display_id").asText(null);
        switch (message.type()) {
            case "stream" -> append(Outputs.stream(content.path("name").asText("stdout"), content.path("text").asText("")), null);
            case "display_data" -> {
                if (displayId != null) {
                    displays.update(displayId, data(content), metadata(content));
                }
                append(Outputs.displayData(data(content), metadata(content)), displayId);
            }
            case "execute_result" -> {
                if (displayId != null) {
                    displays.update(displayId, data(content), metadata(content));
                }
                append(Outputs.executeResult(content.path("execution_count").asInt(0), data(content), metadata(content)),
                        displayId);
            }
            case "update_display_data" -> {
                if (displayId != null) {
                    displays.update(displayId, data(content), metadata(content));
                }
            }
            case "error" -> {
                List<String> traceback = new ArrayList<>();
                content.path("traceback").forEach(line -> traceback.add(line.asText()));
                append(Outputs.error(content.path("ename").asText(""), content.path("evalue").asText(""), traceback), null);
            }
            case "clear_output" -> {
                if (content.path("wait").asBoolean(false)) {
                    clearBeforeNextOutput = true;
                } else {
                    clear();
                }
            }
            default -> {
                // status, execute_input, comm messages: not outputs
            }
        }
    }

    /** Adds an output made on this side (a timeout, a dead kernel), after a pending clear like any other output. */
    void appendOwn(ObjectNode output) {
        append(output, null);
    }

    private void append(ObjectNode output, String displayId) {
        if (clearBeforeNextOutput) {
            clear();
            clearBeforeNextOutput = false;
        }
        ObjectNode last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
        if (isStream(output) && last != null && isStream(last) && last.path("name").equals(output.path("name"))) {
            last.put("text", last.path("text").asText() + output.path("text").asText());
        } else {
            outputs.add(output);
            if (displayId != null) {
                displays.register(displayId, output);
            }
        }
        listener.accept(output);
    }

    private void clear() {
        displays.forget(outputs);
        outputs.clear();
    }

    private static boolean isStream(ObjectNode output) {
        return "stream".equals(output.path("output_type").asText());
    }

    private static ObjectNode data(ObjectNode content) {
        return content.get("data") instanceof ObjectNode data ? data : JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode metadata(ObjectNode content) {
        return content.get("metadata") instanceof ObjectNode metadata ? metadata : JsonNodeFactory.instance.objectNode();
    }

    /** The outputs so far, with overwritten progress lines removed from streams as nbconvert does. */
    List<ObjectNode> outputs() {
        for (ObjectNode output : outputs) {
            if (isStream(output) && output.path("text").asText().indexOf('\r') >= 0) {
                output.put("text", OVERWRITTEN_LINE.matcher(output.path("text").asText()).replaceAll(""));
            }
        }
        return List.copyOf(outputs);
    }

    Integer executionCount() {
        return executionCount;
    }
}
