package vmlab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.Cell;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cell's {@code metadata.nbgrader}, schema version 3, exactly as nbgrader's {@code nbgraderformat/v3.json} defines it: the
 * required flags {@code schema_version}, {@code grade}, {@code locked}, {@code solution}; the optional {@code task},
 * {@code grade_id}, {@code points}, {@code checksum} and {@code cell_type}; and no other key (the schema says
 * {@code additionalProperties: false}), so an instructor can run nbgrader's own tools on our notebooks. Our own options live in
 * {@code metadata.vmlab} ({@link CellOptions}).
 */
public record NbgraderMetadata(boolean grade, boolean solution, boolean locked, boolean task, String gradeId, Double points,
                               String checksum, String cellType) {

    public static final int SCHEMA_VERSION = 3;
    private static final Set<String> KEYS = Set.of("schema_version", "grade", "locked", "solution", "task", "grade_id", "points",
            "checksum", "cell_type");
    private static final Pattern GRADE_ID = Pattern.compile("[a-zA-Z0-9_\\-]*");

    /** A test cell (nbgrader's "autograder tests"): graded, locked, worth {@code points}. */
    public static NbgraderMetadata tests(String gradeId, double points) {
        return new NbgraderMetadata(true, false, true, false, gradeId, points, null, null);
    }

    /** A cell the student answers in (nbgrader's "autograded answer"). */
    public static NbgraderMetadata answer(String gradeId) {
        return new NbgraderMetadata(false, true, false, false, gradeId, null, null, null);
    }

    /** A read-only cell. */
    public static NbgraderMetadata readOnly(String gradeId) {
        return new NbgraderMetadata(false, false, true, false, gradeId, null, null, null);
    }

    /** The cell's nbgrader metadata, or empty when it has none; malformed metadata is an error naming the cell and key. */
    public static Optional<NbgraderMetadata> of(Cell cell, String where) {
        JsonNode node = cell.metadata().get("nbgrader");
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new AssignmentException(where + ": metadata.nbgrader must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new AssignmentException(where + ": metadata.nbgrader has key '" + name + "', which nbgrader's schema "
                        + "version 3 does not allow (put our own options in metadata.vmlab)");
            }
        }
        JsonNode version = node.get("schema_version");
        if (version != null && version.asInt() != SCHEMA_VERSION) {
            throw new AssignmentException(where + ": metadata.nbgrader.schema_version is " + version
                    + "; VM Lab reads version 3 (upgrade with 'nbgrader update')");
        }
        NbgraderMetadata metadata = new NbgraderMetadata(flag(node, "grade", where), flag(node, "solution", where),
                flag(node, "locked", where), flag(node, "task", where), text(node, "grade_id", where), number(node, where),
                text(node, "checksum", where), text(node, "cell_type", where));
        if (metadata.gradeId != null && !GRADE_ID.matcher(metadata.gradeId).matches()) {
            throw new AssignmentException(where + ": grade_id '" + metadata.gradeId + "' may only hold letters, digits, '_' and '-'");
        }
        if ((metadata.grade || metadata.solution || metadata.locked) && (metadata.gradeId == null || metadata.gradeId.isEmpty())) {
            throw new AssignmentException(where + ": an nbgrader cell (grade, solution or locked) needs a grade_id");
        }
        if (metadata.grade && metadata.points == null) {
            throw new AssignmentException(where + ": grade cell '" + metadata.gradeId + "' has no points");
        }
        return Optional.of(metadata);
    }

    private static boolean flag(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new AssignmentException(where + ": metadata.nbgrader." + key + " must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AssignmentException(where + ": metadata.nbgrader." + key + " must be a string, not " + value);
        }
        return value.asText();
    }

    private static Double number(JsonNode node, String where) {
        JsonNode value = node.get("points");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new AssignmentException(where + ": metadata.nbgrader.points must be a number >= 0, not " + value);
        }
        return value.asDouble();
    }

    /** nbgrader's own reading of "locked": solution cells never are, grade cells always are (utils.is_locked). */
    public boolean effectivelyLocked() {
        return !solution && (grade || locked);
    }

    /** A test cell: graded but not answered in (nbgrader's "autograder tests"). */
    public boolean isTests() {
        return grade && !solution;
    }

    public NbgraderMetadata withChecksum(String checksum, String cellType) {
        return new NbgraderMetadata(grade, solution, locked, task, gradeId, points, checksum, cellType);
    }

    public NbgraderMetadata withLocked(boolean locked) {
        return new NbgraderMetadata(grade, solution, locked, task, gradeId, points, checksum, cellType);
    }

    public NbgraderMetadata withoutChecksum() {
        return new NbgraderMetadata(grade, solution, locked, task, gradeId, points, null, null);
    }

    /** The JSON nbgrader writes: the four required keys always, the optional ones only when set. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("grade", grade);
        json.put("locked", locked);
        json.put("schema_version", SCHEMA_VERSION);
        json.put("solution", solution);
        if (task) {
            json.put("task", true);
        }
        if (gradeId != null) {
            json.put("grade_id", gradeId);
        }
        if (points != null) {
            json.put("points", points);
        }
        if (checksum != null) {
            json.put("checksum", checksum);
        }
        if (cellType != null) {
            json.put("cell_type", cellType);
        }
        return json;
    }

    /** Writes this metadata into the cell, replacing what was there. */
    public void writeTo(Cell cell) {
        cell.metadata().set("nbgrader", toJson());
    }
}
