package vmlab.grading;

import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The notebook the grader actually runs for one submission, rebuilt on the source's skeleton: every locked cell and every test
 * cell (hidden tests included) comes from the instructor's notebook, in the instructor's order; only the answer cells, matched by
 * grade_id, and the code cells the student added after an answer come from the submission. So a deleted, edited, reordered or
 * duplicated test cell makes no difference; a deleted answer counts as unanswered.
 */
final class Restoration {

    /** Where a planned cell's code came from. */
    enum Origin { INSTRUCTOR, TESTS, ANSWER, STUDENT_ADDED }

    record PlannedCell(Origin origin, String code, Optional<Assignment.SourceCell> source, String label) {
    }

    private Restoration() {
    }

    /** The cells to run, in order, plus notes on what was restored; an unusable submission throws {@link AssignmentException}. */
    static Plan plan(Assignment assignment, Notebook submission) {
        Optional<String> declared = Assignment.declaredAssignment(submission);
        if (declared.isPresent() && !declared.get().equals(assignment.name())) {
            throw new AssignmentException(submission.origin() + ": this is a submission for assignment '" + declared.get()
                    + "', not '" + assignment.name() + "'");
        }
        Map<String, Cell> answers = new LinkedHashMap<>();
        Map<String, List<Cell>> addedAfter = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        String anchor = "";
        // A submission made without vmlab assign (the source itself, an nbgrader release) has the instructor's unmarked cells
        // without grade_id; they are recognised by their text and run once, from the source.
        Set<String> instructorCode = new HashSet<>();
        assignment.cells().stream().filter(c -> c.nbgrader().isEmpty()).forEach(c -> instructorCode.add(c.cell().source().strip()));
        List<Cell> cells = submission.cells();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            String where = submission.origin() + ": cell " + (i + 1);
            Optional<NbgraderMetadata> nbgrader = NbgraderMetadata.of(cell, where);
            if (nbgrader.isEmpty()) {
                if (cell.isCode() && !cell.source().isBlank() && !instructorCode.contains(cell.source().strip())) {
                    addedAfter.computeIfAbsent(anchor, a -> new ArrayList<>()).add(cell);
                }
                continue;
            }
            String gradeId = nbgrader.get().gradeId();
            Optional<Assignment.SourceCell> source = gradeId == null ? Optional.empty() : assignment.cell(gradeId);
            source.ifPresent(s -> matched.add(gradeId));
            if (source.isPresent() && source.get().isAnswer()) {
                if (answers.containsKey(gradeId)) {
                    notes.add("answer cell '" + gradeId + "' appears more than once; the first copy was graded");
                } else {
                    answers.put(gradeId, cell);
                }
                anchor = gradeId;
            } else if (source.isEmpty() && cell.isCode() && !cell.source().isBlank()) {
                addedAfter.computeIfAbsent(anchor, a -> new ArrayList<>()).add(cell);
            }
        }
        if (matched.isEmpty()) {
            throw new AssignmentException(submission.origin() + ": none of its cells belongs to assignment '" + assignment.name()
                    + "' (no grade_id in common with the source); is it the right notebook?");
        }

        List<PlannedCell> plan = new ArrayList<>();
        addStudentCells(plan, addedAfter.get(""), "added by the student at the top");
        for (Assignment.SourceCell sourceCell : assignment.cells()) {
            if (!sourceCell.cell().isCode()) {
                continue;
            }
            String label = sourceCell.where();
            if (sourceCell.isAnswer()) {
                String gradeId = sourceCell.gradeId().orElseThrow();
                Cell answer = answers.get(gradeId);
                if (answer == null || !answer.isCode()) {
                    notes.add("answer cell '" + gradeId + "' is missing from the submission; it was graded as unanswered");
                    plan.add(new PlannedCell(Origin.ANSWER, Regions.CODE_STUB, Optional.of(sourceCell), label));
                } else {
                    plan.add(new PlannedCell(Origin.ANSWER, answer.source(), Optional.of(sourceCell), label));
                }
                addStudentCells(plan, addedAfter.get(gradeId), "added by the student after '" + gradeId + "'");
            } else if (sourceCell.isTests()) {
                plan.add(new PlannedCell(Origin.TESTS, sourceCell.cell().source(), Optional.of(sourceCell), label));
            } else {
                plan.add(new PlannedCell(Origin.INSTRUCTOR, sourceCell.cell().source(), Optional.of(sourceCell), label));
            }
        }
        for (Assignment.SourceCell test : assignment.tests()) {
            String gradeId = test.gradeId().orElseThrow();
            if (!matched.contains(gradeId)) {
                notes.add("test cell '" + gradeId + "' was missing from the submission; it was restored from the source");
            }
        }
        return new Plan(plan, notes);
    }

    private static void addStudentCells(List<PlannedCell> plan, List<Cell> cells, String label) {
        if (cells != null) {
            cells.forEach(cell -> plan.add(new PlannedCell(Origin.STUDENT_ADDED, cell.source(), Optional.empty(), label)));
        }
    }

    record Plan(List<PlannedCell> cells, List<String> notes) {
    }
}
