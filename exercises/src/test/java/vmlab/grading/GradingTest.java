package vmlab.grading;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** End to end on the JDK's JShell sessions (real separate JVMs, sandboxed); the kernel-backed run is in the kernel module. */
class GradingTest {

    @TempDir
    static Path work;
    static Assignment warmup;
    static Grader grader;

    @BeforeAll
    static void startGrader() throws Exception {
        warmup = StudentVersionTest.warmup();
        grader = new Grader(warmup, JShellSession.factory(), work.resolve("kernels"), 2, Grader.DEFAULT_TIMEOUT);
    }

    @AfterAll
    static void stopGrader() {
        grader.close();
    }

    @Test
    void theSourceGradedAgainstItselfGetsFullMarks() {
        SubmissionResult result = grader.grade("source", warmup.source());
        assertTrue(result.error().isEmpty(), result.toString());
        assertEquals(4, result.tests().size(), result.toString());
        assertEquals(7.0, result.maxScore());
        assertEquals(7.0, result.score(), result.toString());
    }

    @Test
    void theUntouchedStudentVersionGetsZero() {
        SubmissionResult result = grader.grade("untouched", StudentVersion.of(warmup));
        assertTrue(result.error().isEmpty(), result.toString());
        assertEquals(0.0, result.score(), result.toString());
        result.tests().forEach(test -> assertNotEquals(TestOutcome.Status.PASSED, test.status(), test.toString()));
        assertEquals(4, result.tests().size());
    }
}
