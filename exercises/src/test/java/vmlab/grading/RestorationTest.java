package vmlab.grading;

import org.junit.jupiter.api.Test;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RestorationTest {

    @Test
    void reorderedAndDuplicatedCellsAreRunInTheSourcesOrderWithTheSourcesTests() throws Exception {
        Assignment warmup = StudentVersionTest.warmup();
        Notebook student = StudentVersion.of(warmup);
        List<Cell> cells = new ArrayList<>(student.cells());
        Cell q1Answer = cells.get(3);
        q1Answer.source("long square(long x) { return x * x; }");
        Cell duplicate = q1Answer.copy().source("long square(long x) { return 0; }");
        Cell q1Tests = cells.get(4);
        q1Tests.source("assertTrue(true); // the student's edit");
        Collections.reverse(cells);
        cells.add(duplicate);
        Restoration.Plan plan = Restoration.plan(warmup, student.cells(cells));

        List<String> codes = plan.cells().stream().map(Restoration.PlannedCell::code).toList();
        assertEquals(Restoration.Origin.INSTRUCTOR, plan.cells().get(0).origin(), "locked cells are not taken from the student");
        assertEquals("import java.util.*;\nimport java.util.stream.*;\nimport static org.junit.jupiter.api.Assertions.*;", codes.get(0));
        assertEquals("long square(long x) { return x * x; }", codes.get(1), "the first copy in the submission's order was kept");
        assertEquals(warmup.cells().get(4).cell().source(), codes.get(2), "the test cell comes from the source, hidden tests included");
        assertTrue(plan.notes().stream().anyMatch(note -> note.contains("more than once")), plan.notes().toString());
    }

    @Test
    void cellsAStudentAddedFollowTheAnswerTheyWereAddedAfter() throws Exception {
        Assignment warmup = StudentVersionTest.warmup();
        Notebook student = StudentVersion.of(warmup);
        List<Cell> cells = new ArrayList<>(student.cells());
        cells.add(4, Cell.code("long helper() { return 1; }"));
        Restoration.Plan plan = Restoration.plan(warmup, student.cells(cells));
        assertEquals(Restoration.Origin.ANSWER, plan.cells().get(1).origin());
        assertEquals(Restoration.Origin.STUDENT_ADDED, plan.cells().get(2).origin());
        assertEquals("long helper() { return 1; }", plan.cells().get(2).code());
        assertEquals(Restoration.Origin.TESTS, plan.cells().get(3).origin());
    }

    @Test
    void aDeletedAnswerIsGradedAsUnanswered() throws Exception {
        Assignment warmup = StudentVersionTest.warmup();
        Notebook student = StudentVersion.of(warmup);
        student.cells(student.cells().stream()
                .filter(c -> !c.metadata().path("nbgrader").path("grade_id").asText().equals("q2-answer")).toList());
        Restoration.Plan plan = Restoration.plan(warmup, student);
        assertTrue(plan.cells().stream().anyMatch(c -> c.code().equals(Regions.CODE_STUB)));
        assertTrue(plan.notes().stream().anyMatch(note -> note.contains("'q2-answer' is missing")), plan.notes().toString());
    }

    @Test
    void aNotebookOfAnotherCourseIsRefused() {
        Notebook other = Notebook.create();
        Cell cell = Cell.code("x");
        NbgraderMetadata.answer("elsewhere").writeTo(cell);
        other.add(cell);
        AssignmentException e = assertThrows(AssignmentException.class,
                () -> Restoration.plan(StudentVersionTest.warmup(), other));
        assertTrue(e.getMessage().contains("no grade_id in common"), e.getMessage());
    }
}
