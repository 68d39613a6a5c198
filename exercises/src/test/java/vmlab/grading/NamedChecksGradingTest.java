package vmlab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.Notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Feedback a student can use: a test cell of named checks ({@code // CHECK: ...}) with points per check gives partial credit,
 * shows each visible check's result at once, and names a failed hidden check by its category, never by its source.
 */
class NamedChecksGradingTest {

    @TempDir
    static Path work;
    static Assignment checks;
    static Grader grader;

    @BeforeAll
    static void startGrader() throws Exception {
        checks = Assignment.of(Notebook.parse(new String(NamedChecksGradingTest.class.getResourceAsStream("checks.ipynb").readAllBytes()),
                "checks.ipynb"), "checks");
        grader = new Grader(checks, JShellSession.factory(), work.resolve("kernels"), 2, Grader.DEFAULT_TIMEOUT);
    }

    @AfterAll
    static void stopGrader() {
        grader.close();
    }

    private static SubmissionResult answer(String body) {
        Notebook submission = StudentVersion.of(checks);
        submission.cells().get(1).source("String opcodeName(int opcode) {\n" + body + "\n}");
        SubmissionResult result = grader.grade("submission", submission);
        assertTrue(result.error().isEmpty(), result.toString());
        return result;
    }

    private static JsonNode gradescope(SubmissionResult result) throws Exception {
        return new ObjectMapper().readTree(GradescopeResults.of(result)).path("tests");
    }

    @Test
    void eachCheckIsItsOwnTestVisibleAtOnceUnlessHidden() throws Exception {
        SubmissionResult result = grader.grade("source", checks.source());
        assertEquals(3.0, result.score(), result.toString());
        JsonNode tests = gradescope(result);
        assertEquals(2, tests.size(), tests.toString());
        assertEquals("op-tests: register-register and immediate opcodes", tests.get(0).path("name").asText());
        assertEquals("visible", tests.get(0).path("visibility").asText());
        assertEquals(2.0, tests.get(0).path("max_score").asDouble());
        assertEquals("op-tests: unknown opcodes must throw", tests.get(1).path("name").asText());
        assertEquals("after_published", tests.get(1).path("visibility").asText());
    }

    @Test
    void aFailedHiddenCheckNamesItsCategoryNeverItsSourceAndTheVisibleOneKeepsItsPoints() throws Exception {
        SubmissionResult result = answer("return opcode == 0x33 ? \"OP\" : opcode == 0x13 ? \"OP-IMM\" : \"?\";");
        assertEquals(2.0, result.score(), 1e-9, "the visible check's points, not the hidden one's: " + result);
        TestOutcome hidden = result.tests().get(1);
        assertEquals(TestOutcome.Status.FAILED, hidden.status());
        assertEquals("A hidden test failed: unknown opcodes must throw.", hidden.output());
        String json = GradescopeResults.of(result);
        assertFalse(json.contains("SECRET") || json.contains("0x7f") || json.contains("assertThrows"), json);
    }

    @Test
    void aFailedVisibleCheckShowsItsMessageAndTheChecksAfterItAreNotRun() throws Exception {
        SubmissionResult result = answer("return \"op\";");
        assertEquals(0.0, result.score(), result.toString());
        TestOutcome visible = result.tests().get(0);
        assertEquals(TestOutcome.Status.FAILED, visible.status());
        assertTrue(visible.output().startsWith("register-register and immediate opcodes: failed: 0x33 is OP"), visible.output());
        assertEquals(TestOutcome.Status.NOT_RUN, result.tests().get(1).status());
        assertEquals(List.of("visible", "after_published"),
                List.of(gradescope(result).get(0).path("visibility").asText(), gradescope(result).get(1).path("visibility").asText()));
    }

    @Test
    void pointsThatDoNotMatchTheChecksAreRefusedWhenTheAssignmentIsRead() {
        List<String> problems = NamedChecks.problems("// CHECK: a\nassertTrue(true);\n// CHECK: b\n", Map.of("a", 1.0, "c", 1.0), 3);
        assertEquals(3, problems.size(), problems.toString()); // 'c' has no CHECK line, 'b' has no points, 2 != 3
    }
}
