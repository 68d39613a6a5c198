package vmlab.exercises;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.grading.Assignment;
import vmlab.grading.CheckReport;
import vmlab.grading.StudentVersion;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ExercisesTest {

    @Test
    void aStudentChecksTheVisibleTestsOfOneExercise(@TempDir Path dir) throws Exception {
        Notebook source = Notebook.parse(new String(getClass().getResourceAsStream("/vmlab/grading/warmup.ipynb").readAllBytes()),
                "warmup.ipynb");
        Notebook student = StudentVersion.of(Assignment.of(source, "warmup"));
        for (Cell cell : student.cells()) {
            String id = cell.metadata().path("nbgrader").path("grade_id").asText();
            if (id.equals("q1-answer")) {
                cell.source("long square(long x) { return x * x; }");
            } else if (id.equals("q2-answer")) {
                cell.source("String greet(String name) { return \"Hi \" + name; }");
            }
        }
        Path file = dir.resolve("warmup.ipynb");
        student.write(file);
        Exercises.notebook(file);

        CheckReport q1 = Exercises.check("q1");
        CheckReport q2 = Exercises.check("q2");
        CheckReport q9 = Exercises.check("q9");

        assertTrue(q1.allPassed(), q1.toString());
        assertTrue(q1.toString().contains("q1: 1 of 1 visible tests pass"), q1.toString());
        assertFalse(q2.allPassed(), q2.toString());
        assertTrue(q2.toString().contains("FAIL  q2-tests: expected: <Hello, Ada!> but was: <Hi Ada>"), q2.toString());
        assertTrue(q2.toHtml().contains("&#10008; fail"), q2.toHtml());
        assertTrue(q9.rows().isEmpty() && q9.toString().contains("no test cell for 'q9'"), q9.toString());
    }

    @Test
    void oneLineChecksSayWhatIsWrong() {
        Checks.assertPrints("hello\n", () -> System.out.println("hello"));
        AssertionError wrongOutput = assertThrows(AssertionError.class, () -> Checks.assertPrints("hello\n", () -> System.out.print("bye")));
        assertTrue(wrongOutput.getMessage().contains("printed \"bye\""), wrongOutput.getMessage());
        Checks.assertWithin(2.0, 2.1, 0.10, "speed-up");
        AssertionError outside = assertThrows(AssertionError.class, () -> Checks.assertWithin(2.0, 3.0, 0.10, "speed-up"));
        assertTrue(outside.getMessage().startsWith("speed-up is 3.000, but should be 2.000 give or take 10%"), outside.getMessage());
    }
}
