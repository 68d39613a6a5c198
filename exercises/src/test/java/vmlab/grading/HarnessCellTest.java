package vmlab.grading;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.*;

class HarnessCellTest {

    @Test
    void aFinalExpressionBecomesThePartialCreditValue() {
        HarnessCell.Split split = HarnessCell.Split.lastExpression("double earned = 0;\nfor (int i = 0; i < 3; i++) { earned += 0.5; }\nearned");
        assertEquals("earned", split.expression());
        assertTrue(split.statements().endsWith("}"));
    }

    @Test
    void statementsCommentsAndStringsAreNotMistakenForAnExpression() {
        assertEquals("", HarnessCell.Split.lastExpression("assertEquals(1, f()); // done; really").expression());
        assertEquals("", HarnessCell.Split.lastExpression("String s = \"a;b\";\n/* x; */").expression());
        assertEquals("", HarnessCell.Split.lastExpression("int[][] cases = {{1}, {2}};").expression());
    }

    @Test
    void aLastAssertionWithoutSemicolonStaysAStatement() {
        HarnessCell.Split split = HarnessCell.Split.lastExpression("assertEquals(1, f())");
        assertEquals("", split.expression());
        assertTrue(split.statements().endsWith("assertEquals(1, f());"));
    }

    @Test
    void onlyTheSealedVerdictOfThisCellCounts() {
        HarnessCell harness = HarnessCell.wrap("assertTrue(true);");
        String marker = "vmlab-verdict:" + harness.nonce + ":passed";
        assertEquals(Optional.of(OptionalDouble.empty()), harness.passed(CellRun.ok("", Optional.of(marker))));
        assertEquals(Optional.of(OptionalDouble.of(1.5)), harness.passed(CellRun.ok("", Optional.of(marker + ":1.5"))));
        assertTrue(harness.passed(CellRun.ok(marker, Optional.empty())).isEmpty(), "printing the verdict proves nothing");
        assertTrue(harness.passed(CellRun.ok("", Optional.of("\"" + marker + "\""))).isEmpty(), "a string is not a verdict");
        assertTrue(harness.passed(CellRun.ok("", Optional.of("vmlab-verdict:0000:passed"))).isEmpty(), "another nonce");
        assertTrue(harness.passed(CellRun.error("", "boom")).isEmpty());
        assertTrue(harness.passed(CellRun.dead("", "gone")).isEmpty(), "a dead kernel never passes");
        assertNotEquals(harness.nonce, HarnessCell.wrap("assertTrue(true);").nonce);
    }

    @Test
    void hiddenTestMarkersBecomeStageCallsOnTheSameLines() {
        HarnessCell harness = HarnessCell.wrap("a();\n// BEGIN HIDDEN TESTS\nb();\n// END HIDDEN TESTS");
        assertTrue(harness.code.contains("a();\nenterHiddenTests();\nb();\nleaveHiddenTests();"), harness.code);
    }
}
