package vmlab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.Cell;

import java.time.Duration;
import java.util.Optional;

/**
 * VM Lab's own per-cell options, kept in {@code metadata.vmlab} so that {@code metadata.nbgrader} stays exactly nbgrader's:
 * <pre>{"vmlab": {"timeout_seconds": 10, "memory_mb": 512, "visibility": "after_published"}}</pre>
 * The timeout bounds one cell's run while grading; the memory limit is the heap of the grading kernel (the largest asked for by
 * any cell wins, since one JVM runs the whole submission); the visibility is Gradescope's for that test.
 */
public record CellOptions(Optional<Duration> timeout, Optional<Integer> memoryMb, Optional<Visibility> visibility) {

    public static final String KEY = "vmlab";

    public static CellOptions none() {
        return new CellOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static CellOptions of(Cell cell, String where) {
        JsonNode node = cell.metadata().get(KEY);
        if (node == null || node.isNull()) {
            return none();
        }
        if (!node.isObject()) {
            throw new AssignmentException(where + ": metadata.vmlab must be an object");
        }
        Optional<Duration> timeout = Optional.empty();
        JsonNode seconds = node.get("timeout_seconds");
        if (seconds != null) {
            if (!seconds.isNumber() || seconds.asDouble() <= 0) {
                throw new AssignmentException(where + ": metadata.vmlab.timeout_seconds must be a positive number, not " + seconds);
            }
            timeout = Optional.of(Duration.ofMillis(Math.round(seconds.asDouble() * 1000)));
        }
        Optional<Integer> memory = Optional.empty();
        JsonNode mb = node.get("memory_mb");
        if (mb != null) {
            if (!mb.canConvertToInt() || mb.asInt() < 16) {
                throw new AssignmentException(where + ": metadata.vmlab.memory_mb must be a whole number of megabytes >= 16, not " + mb);
            }
            memory = Optional.of(mb.asInt());
        }
        Optional<Visibility> visibility = Optional.empty();
        JsonNode shown = node.get("visibility");
        if (shown != null) {
            visibility = Optional.of(Visibility.parse(shown.asText(), where));
        }
        return new CellOptions(timeout, memory, visibility);
    }

    public void writeTo(Cell cell) {
        ObjectNode json = cell.metadata().putObject(KEY);
        timeout.ifPresent(t -> json.put("timeout_seconds", t.toMillis() / 1000.0));
        memoryMb.ifPresent(m -> json.put("memory_mb", m));
        visibility.ifPresent(v -> json.put("visibility", v.gradescope()));
    }
}
