package vmlab.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import vmlab.client.CellOutcome;
import vmlab.client.NotebookExecutor;
import vmlab.client.NotebookRun;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every course notebook with graded exercises hands out and grades correctly: {@code vmlab assign} writes a student
 * version without solutions or hidden tests, and {@code vmlab grade} gives the instructor's notebook full marks and the
 * untouched student version zero. A lesson whose tests are too weak (the stub passes) or whose solution is wrong or too
 * slow for the grader fails here.
 */
class CourseExercisesGradeIT {

    private static final Path NOTEBOOKS = Path.of("..", "notebooks").toAbsolutePath().normalize();

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> eachLessonGivesFullMarksToItsSourceAndZeroToTheUntouchedStudentVersion() throws IOException {
        List<Path> lessons = gradedLessons();
        assertFalse(lessons.isEmpty(), "no notebook with graded exercises in " + NOTEBOOKS);
        return lessons.stream().map(lesson -> DynamicTest.dynamicTest(lesson.getFileName().toString(), () -> assignAndGrade(lesson)));
    }

    /**
     * What a student gets runs as it is: cell by cell, every released notebook compiles (and every string of assembly in it
     * assembles). Only the exercises may fail, the way an unanswered exercise fails: a graded test cell (with any runtime
     * error: it tests nothing yet), another cell through a test's assertion or the stub's "not implemented yet", or a cell
     * tagged raises-exception, which shows an error on purpose. A compile error or an assembler's complaint is never allowed.
     */
    @TestFactory
    Stream<DynamicTest> everyReleasedStudentVersionRunsCellByCellWithoutACompileOrSyntaxError() throws IOException {
        List<Path> lessons = gradedLessons();
        assertFalse(lessons.isEmpty(), "no notebook with graded exercises in " + NOTEBOOKS);
        return lessons.stream().map(lesson -> DynamicTest.dynamicTest(lesson.getFileName().toString(), () -> runReleased(lesson)));
    }

    private static void runReleased(Path lesson) throws IOException {
        Path dir = Files.createDirectories(work.resolve("released-" + lesson.getFileName()));
        assertEquals(0, VmLab.commandLine().execute("assign", lesson.toString(), "--out", dir.toString()), "vmlab assign " + lesson);
        Notebook student = Notebook.read(dir.resolve(lesson.getFileName()));
        NotebookRun run;
        try (InProcessKernel kernel = InProcessKernel.start(dir)) {
            run = new NotebookExecutor(kernel.client()).continueOnError().cellTimeout(Duration.ofSeconds(300)).execute(student);
        }
        List<String> wrong = new ArrayList<>();
        for (CellOutcome cell : run.cells()) {
            if (!cell.ran() || cell.kind() == CellOutcome.Kind.EXPECTED_ERROR) {
                continue;
            }
            String name = cell.result().errorName().orElse("");
            String message = cell.result().errorValue().orElse("");
            boolean testFailed = name.equals("org.opentest4j.AssertionFailedError") || name.equals("java.lang.AssertionError")
                    || name.endsWith("MultipleFailuresError");
            // The stub's exception, possibly wrapped by lab code that called the student's unanswered method.
            boolean stubThrew = message.contains("UnsupportedOperationException: not implemented yet")
                    || (name.equals("java.lang.UnsupportedOperationException") && message.contains("not implemented yet"));
            boolean syntax = name.equals("CompilationException") || name.equals("UnresolvedReferenceException")
                    || name.endsWith("AssemblyException");
            testFailed |= isGradeCell(cell.cell()) && !syntax;
            if (cell.kind() == CellOutcome.Kind.TIMED_OUT || cell.kind() == CellOutcome.Kind.KERNEL_DIED
                    || (!name.isEmpty() && (syntax || (!testFailed && !stubThrew)))) {
                wrong.add("cell " + (cell.index() + 1) + " " + cell.kind() + ": " + name + ": " + message + "\n" + cell.cell().source());
            }
        }
        assertTrue(wrong.isEmpty(), lesson.getFileName() + ", released to students, fails where only exercises may:\n"
                + String.join("\n\n", wrong));
    }

    /**
     * The notebooks with graded exercises, all of them unless {@code -Dvmlab.lessons=00,03} names the lessons to check (by
     * number), so that one can re-check the lessons one changed without running the whole course.
     */
    private static List<Path> gradedLessons() throws IOException {
        List<String> only = List.of(System.getProperty("vmlab.lessons", "").split(",")).stream().map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> only.isEmpty() || only.stream().anyMatch(n -> p.getFileName().toString().startsWith(n + "-")))
                    .filter(CourseExercisesGradeIT::hasGradedCells).sorted().toList();
        }
    }

    private static boolean hasGradedCells(Path notebook) {
        return Notebook.read(notebook).cells().stream().anyMatch(CourseExercisesGradeIT::isGradeCell);
    }

    private static boolean isGradeCell(Cell cell) {
        return cell.metadata().path("nbgrader").path("grade").asBoolean();
    }

    private static void assignAndGrade(Path lesson) throws IOException {
        String name = lesson.getFileName().toString().replace(".ipynb", "");
        Path dir = Files.createDirectories(work.resolve(name));
        assertEquals(0, VmLab.commandLine().execute("assign", lesson.toString(), "--out", dir.resolve("release").toString()),
                "vmlab assign " + lesson);
        Path student = dir.resolve("release").resolve(lesson.getFileName());
        String released = Files.readString(student);
        for (String marker : List.of("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")) {
            assertFalse(released.contains(marker), "the student version of " + name + " still contains " + marker);
        }
        Path untouched = dir.resolve("untouched.ipynb");
        Files.copy(student, untouched);

        Path graded = dir.resolve("graded");
        int exit = VmLab.commandLine().execute("grade", "--source", lesson.toString(), lesson.toString(), untouched.toString(),
                "--out", graded.toString(), "--timeout", "120", "--parallel", "2");
        assertEquals(0, exit, "vmlab grade " + lesson);
        List<String> gradebook = Files.readAllLines(graded.resolve("gradebook.csv"));
        String source = row(gradebook, name);
        String studentRow = row(gradebook, "untouched");
        double max = Double.parseDouble(source.split(",")[2]);
        assertTrue(max > 0, name + " has no points to earn: " + gradebook);
        assertEquals(max, Double.parseDouble(source.split(",")[1]), 1e-9, name + ": the source should get full marks\n"
                + String.join("\n", gradebook) + "\n" + results(graded.resolve(name)));
        assertEquals(0.0, Double.parseDouble(studentRow.split(",")[1]), 1e-9, name + ": the untouched student version should get zero\n"
                + String.join("\n", gradebook));
    }

    private static String row(List<String> gradebook, String submission) {
        return gradebook.stream().filter(line -> line.startsWith(submission + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + submission + " in the gradebook: " + gradebook));
    }

    private static String results(Path submission) throws IOException {
        Path json = submission.resolve("results.json");
        return Files.exists(json) ? Files.readString(json) : "(no results.json in " + submission + ")";
    }
}
