package vmlab.grading;

import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A student's own check of one exercise, while working: the notebook's setup and answer cells are replayed in a fresh JShell,
 * then the exercise's visible test cells run through the same harness the grader uses, and a {@link CheckReport} says which pass.
 * The exercise {@code q1} means the test cells whose grade_id is {@code q1} or starts with {@code q1-} or {@code q1_}.
 */
public final class LocalCheck {

    private LocalCheck() {
    }

    /** Checks {@code exercise} of {@code notebook}, running cells on {@code session} (closed by the caller). */
    public static CheckReport run(Notebook notebook, String exercise, GradingSession session, Duration timeout) {
        List<String> problems = new ArrayList<>();
        List<Cell> cells = notebook.cells();
        int lastTest = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (isTestOf(cells.get(i), exercise)) {
                lastTest = i;
            }
        }
        List<CheckReport.Row> rows = new ArrayList<>();
        if (lastTest < 0) {
            problems.add("this notebook has no test cell for '" + exercise + "'");
            return new CheckReport(exercise, rows, problems);
        }
        for (int i = 0; i <= lastTest; i++) {
            Cell cell = cells.get(i);
            if (!cell.isCode() || cell.source().isBlank()) {
                continue;
            }
            Optional<NbgraderMetadata> nbgrader = nbgrader(cell);
            if (nbgrader.isPresent() && nbgrader.get().isTests()) {
                if (isTestOf(cell, exercise)) {
                    rows.add(test(session, cell, nbgrader.get(), timeout));
                }
                continue;
            }
            CellRun outcome = session.run(cell.source(), timeout);
            if (!outcome.ok()) {
                String id = nbgrader.map(NbgraderMetadata::gradeId).orElse("cell " + (i + 1));
                problems.add(id + " did not run: " + outcome.error().lines().findFirst().orElse(outcome.status().toString()));
            }
        }
        return new CheckReport(exercise, rows, problems);
    }

    private static CheckReport.Row test(GradingSession session, Cell cell, NbgraderMetadata nbgrader, Duration timeout) {
        HarnessCell harness = HarnessCell.wrap(Regions.removeHiddenTests(cell.source(), nbgrader.gradeId()));
        CellRun outcome = session.run(harness.code, timeout);
        Optional<OptionalDouble> verdict = harness.passed(outcome);
        double points = nbgrader.points() == null ? 0 : nbgrader.points();
        if (verdict.isEmpty()) {
            String why = switch (outcome.status()) {
                case TIMED_OUT, DEAD -> "ran out of time: is there an endless loop?";
                default -> outcome.error().replaceFirst("^org\\.opentest4j\\.AssertionFailedError: ", "");
            };
            return new CheckReport.Row(nbgrader.gradeId(), false, 0, why);
        }
        double score = verdict.get().isPresent() ? Math.max(0, Math.min(points, verdict.get().getAsDouble())) : points;
        return new CheckReport.Row(nbgrader.gradeId(), score == points, score,
                score == points ? "" : "partial credit: " + score + " of " + points);
    }

    private static boolean isTestOf(Cell cell, String exercise) {
        return nbgrader(cell).filter(NbgraderMetadata::isTests).map(NbgraderMetadata::gradeId)
                .filter(id -> id.equals(exercise) || id.startsWith(exercise + "-") || id.startsWith(exercise + "_"))
                .isPresent();
    }

    private static Optional<NbgraderMetadata> nbgrader(Cell cell) {
        try {
            return NbgraderMetadata.of(cell, cell.toString());
        } catch (AssignmentException e) {
            return Optional.empty();
        }
    }
}
