package vmlab.evaluation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JShellEvaluatorTest {

    private static JShellEvaluator jshell;

    @BeforeAll
    static void start() {
        jshell = JShellEvaluator.start();
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    @Test
    void theLastExpressionComesBackAsAJavaObject() throws Exception {
        CellValue value = jshell.evaluate("int a = 20;\nint b = 22;\na + b");
        assertTrue(value.present());
        assertEquals(42, value.value());
        Object list = jshell.evaluate("List.of(1, 2, 3)").value();
        assertInstanceOf(java.util.List.class, list);
    }

    @Test
    void declarationsAndVoidCallsHaveNoValue() throws Exception {
        assertFalse(jshell.evaluate("int unseen = 5;").present());
        assertFalse(jshell.evaluate("System.out.print(\"\")").present());
        assertEquals(5, jshell.evaluate("unseen").value());
    }

    @Test
    void aCompileErrorNamesTheLineAndShowsTheCode() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> jshell.evaluate("int ok = 1;\nint bad = \"text\";"));
        assertEquals(2, e.problems().get(0).line());
        assertTrue(e.problems().get(0).code().contains("int bad"), e.problems().toString());
        assertTrue(String.join("\n", e.traceback()).contains("incompatible types"), e.traceback().toString());
    }

    @Test
    void aRuntimeExceptionKeepsItsClassAndACellFrame() {
        CellFailedException e = assertThrows(CellFailedException.class, () -> jshell.evaluate("int zero = 0;\n10 / zero"));
        assertEquals("java.lang.ArithmeticException", e.ename());
        assertEquals("/ by zero", e.evalue());
        String trace = String.join("\n", e.traceback());
        assertTrue(trace.contains("(cell)"), trace);
        assertFalse(trace.contains("jdk.jshell"), trace);
        assertFalse(trace.contains("reflect"), trace);
    }

    @Test
    void systemExitInACellIsRefusedAndTheKernelLives() throws Exception {
        jshell.evaluate("int before = 7;");
        CellFailedException e = assertThrows(CellFailedException.class, () -> jshell.evaluate("System.exit(0);"));
        assertEquals(SystemExitRefused.class.getName(), e.ename());
        assertThrows(CellFailedException.class, () -> jshell.evaluate("Runtime.getRuntime().halt(3);"));
        assertEquals(7, jshell.evaluate("before").value());
    }

    @Test
    void anEndlessLoopIsStoppedAndEarlierVariablesSurvive() throws Exception {
        jshell.evaluate("String kept = \"still here\";");
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                jshell.evaluate("while (true) {}");
                return null;
            } catch (EvaluationException e) {
                return e;
            }
        });
        // An interrupt before the cell starts running means nothing; repeat until the cell has seen one.
        for (int i = 0; i < 100 && !outcome.isDone(); i++) {
            Thread.sleep(100);
            jshell.interrupt();
        }
        assertInstanceOf(CellInterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals("still here", jshell.evaluate("kept").value());
    }

    @Test
    void completionOffersMembers() {
        Completion c = jshell.complete("Math.ab", 7);
        assertTrue(c.matches().stream().anyMatch(m -> m.startsWith("abs")), c.toString());
        assertEquals(5, c.start());
    }

    @Test
    void inspectionGivesSignatures() {
        Inspection i = jshell.inspect("Math.abs", 8);
        assertTrue(i.found());
        assertTrue(i.text().contains("abs("), i.text());
    }

    @Test
    void completenessTellsCompleteIncompleteAndInvalidApart() {
        assertEquals("complete", jshell.completeness("int x = 1;").status());
        assertEquals("complete", jshell.completeness("1 + 1").status());
        var open = jshell.completeness("for (int i = 0; i < 3; i++) {");
        assertEquals("incomplete", open.status());
        assertEquals("    ", open.indent());
        assertEquals("invalid", jshell.completeness("int 5x = ;").status());
    }

    @Test
    void theLabPackagesAreImportedWhenPresent() {
        assertTrue(jshell.imports().contains("import java.util.*;"));
        assertTrue(jshell.imports().contains("import vmlab.measure.*;"), jshell.imports().toString());
        assertTrue(jshell.imports().contains("import vmlab.cloud.*;"), jshell.imports().toString());
    }
}
