package vmlab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.Cell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * VM Lab's own per-cell options, kept in {@code metadata.vmlab} so that {@code metadata.nbgrader} stays exactly nbgrader's:
 * <pre>{"vmlab": {"timeout_seconds": 10, "memory_mb": 512, "visibility": "after_published",
 *            "points": {"sums match": 1, "unknown opcodes must throw": 1}}}</pre>
 * The timeout bounds one cell's run while grading; the memory limit is the heap of the grading kernel (the largest asked for by
 * any cell wins, since one JVM runs the whole submission); the visibility is Gradescope's for that test. The points give each
 * named check of a test cell ({@code // CHECK: name}, see {@link NamedChecks}) its share of the cell's points: partial credit.
 */
public record CellOptions(Optional<Duration> timeout, Optional<Integer> memoryMb, Optional<Visibility> visibility,
                          Map<String, Double> checkPoints) {

    public static final String KEY = "vmlab";

    public static CellOptions none() {
        return new CellOptions(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
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
        Map<String, Double> checkPoints = new LinkedHashMap<>();
        JsonNode points = node.get("points");
        if (points != null) {
            if (!points.isObject()) {
                throw new AssignmentException(where + ": metadata.vmlab.points must map each check's name to its points, not " + points);
            }
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) points::fields) {
                if (!entry.getValue().isNumber() || entry.getValue().asDouble() < 0) {
                    throw new AssignmentException(where + ": metadata.vmlab.points of check '" + entry.getKey()
                            + "' must be a number >= 0, not " + entry.getValue());
                }
                checkPoints.put(entry.getKey(), entry.getValue().asDouble());
            }
        }
        return new CellOptions(timeout, memory, visibility, Map.copyOf(checkPoints));
    }

    public void writeTo(Cell cell) {
        ObjectNode json = cell.metadata().putObject(KEY);
        timeout.ifPresent(t -> json.put("timeout_seconds", t.toMillis() / 1000.0));
        memoryMb.ifPresent(m -> json.put("memory_mb", m));
        visibility.ifPresent(v -> json.put("visibility", v.gradescope()));
        if (!checkPoints.isEmpty()) {
            ObjectNode points = json.putObject("points");
            checkPoints.forEach(points::put);
        }
    }
}
