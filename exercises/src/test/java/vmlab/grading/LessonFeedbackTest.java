package vmlab.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feedback every lesson gives is one a student can use: each has at least two graded exercises, and every
 * test cell names its checks with points for each, so that visible checks show their result at once, a failed hidden check
 * is named by its category (never by its source), and partly right work earns part of the points. Read from the course's
 * notebooks as they are, without running them.
 */
class LessonFeedbackTest {

    private static final Path NOTEBOOKS = Path.of("..", "notebooks").toAbsolutePath().normalize();

    /** Every lesson in the course folder, found by its name ("NN-topic.ipynb"), so a new lesson is checked too. */
    static List<String> lessons() throws Exception {
        List<String> found;
        try (Stream<Path> files = java.nio.file.Files.list(NOTEBOOKS)) {
            found = files.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d\\d-.*\\.ipynb"))
                    .sorted().toList();
        }
        // The course promises eight lessons, 00 to 07: fewer means the folder was not found or a lesson went missing.
        assertTrue(found.size() >= 8, "lessons found in " + NOTEBOOKS + ": " + found);
        return found;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void everyTestCellNamesItsChecksAndGivesEachItsPoints(String lesson) throws Exception {
        Path notebook = NOTEBOOKS.resolve(lesson);
        Assignment assignment = Assignment.read(notebook);   // refuses points that do not match the checks
        List<Assignment.SourceCell> tests = assignment.tests();
        assertTrue(tests.size() >= 2, notebook.getFileName() + " should have at least two graded exercises, has " + tests.size());
        List<String> wrong = new ArrayList<>();
        for (Assignment.SourceCell test : tests) {
            String id = test.gradeId().orElse("?");
            List<NamedChecks.Check> checks = NamedChecks.of(test.cell().source(), test.options().checkPoints());
            if (test.options().checkPoints().isEmpty()) {
                wrong.add(id + ": no points per check in metadata.vmlab.points (all or nothing, and a hidden failure unnamed)");
            }
            if (checks.stream().noneMatch(check -> !check.hidden())) {
                wrong.add(id + ": no visible check, so nothing shows at once");
            }
            if (Regions.hasHiddenTests(test.cell().source()) && !hiddenRegionsStartWithACheck(test.cell().source())) {
                // Hidden code before a hidden CHECK line would count as the visible check before it, whose failure shows
                // its message: the hidden test's source could leak into it.
                wrong.add(id + ": a hidden region does not start with its own CHECK line");
            }
            if (!test.cell().source().strip().startsWith("// CHECK:")) {
                wrong.add(id + ": code before its first CHECK line would fail without a name");
            }
        }
        assertTrue(wrong.isEmpty(), notebook.getFileName() + ":\n" + String.join("\n", wrong));
        assertFalse(assignment.maxScore() <= 0);
    }

    private static boolean hiddenRegionsStartWithACheck(String source) {
        List<String> lines = source.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("// BEGIN HIDDEN TESTS") && (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("// CHECK:"))) {
                return false;
            }
        }
        return true;
    }
}
