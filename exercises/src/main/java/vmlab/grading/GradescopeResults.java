package vmlab.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A submission's grade in Gradescope's autograder format ({@code results.json}): the total, and one entry per test cell with
 * name, number, score, max_score, status, output and visibility. Tests with hidden parts are {@code after_published}; their
 * output never holds hidden source (see {@link SubmissionRun}).
 */
public final class GradescopeResults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {
    }

    public static String of(SubmissionResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", result.score());
        root.put("execution_time", Math.round(result.seconds()));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        StringBuilder output = new StringBuilder();
        result.error().ifPresent(error -> output.append("This submission could not be graded: ").append(error).append('\n'));
        result.notes().forEach(note -> output.append("Note: ").append(note).append('\n'));
        if (!output.isEmpty()) {
            root.put("output", output.toString().strip());
        }
        ArrayNode tests = root.putArray("tests");
        for (TestOutcome test : result.tests()) {
            ObjectNode entry = tests.addObject();
            entry.put("name", test.name());
            entry.put("number", Integer.toString(test.number()));
            entry.put("score", test.score());
            entry.put("max_score", test.maxScore());
            entry.put("status", test.status().gradescope());
            entry.put("output", test.output());
            entry.put("visibility", test.visibility().gradescope());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
