package vmlab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instructor's source notebook, read once and checked: every nbgrader cell valid and with a unique grade_id, every marked
 * region closed. It is the trusted copy everything else derives from: the student version, the cells restored before grading, the
 * tests and their points.
 */
public final class Assignment {

    private final String name;
    private final Notebook source;
    private final List<SourceCell> cells;
    private final Map<String, SourceCell> byGradeId;
    private final Map<Integer, String> lockedIds;

    /** One cell of the source with what grading needs to know about it. */
    public record SourceCell(int index, Cell cell, Optional<NbgraderMetadata> nbgrader, CellOptions options) {

        public Optional<String> gradeId() {
            return nbgrader.map(NbgraderMetadata::gradeId);
        }

        /** Answered by the student: taken from the submission when grading. */
        public boolean isAnswer() {
            return nbgrader.map(NbgraderMetadata::solution).orElse(false);
        }

        /** A test cell worth points (and not also an answer). */
        public boolean isTests() {
            return nbgrader.map(NbgraderMetadata::isTests).orElse(false);
        }

        public double points() {
            return nbgrader.map(NbgraderMetadata::points).orElse(0.0);
        }

        public String where() {
            return "cell " + (index + 1) + gradeId().map(id -> " ('" + id + "')").orElse("");
        }
    }

    private Assignment(String name, Notebook source, List<SourceCell> cells) {
        this.name = name;
        this.source = source;
        this.cells = List.copyOf(cells);
        this.byGradeId = new LinkedHashMap<>();
        cells.forEach(c -> c.gradeId().ifPresent(id -> byGradeId.put(id, c)));
        this.lockedIds = new HashMap<>();
        for (SourceCell cell : cells) {
            if (cell.gradeId().isEmpty()) {
                String id = "locked-cell-" + (cell.index() + 1);
                while (byGradeId.containsKey(id)) {
                    id = id + "-x";
                }
                byGradeId.put(id, cell);
                lockedIds.put(cell.index(), id);
            }
        }
    }

    /**
     * The grade_id a cell has in the student version: its own, or for a cell the instructor left unmarked, the one
     * {@code vmlab assign} gives it so that nbgrader accepts its lock ({@code locked-cell-N}, N its position in the source).
     */
    public String studentGradeId(SourceCell cell) {
        return cell.gradeId().orElseGet(() -> lockedIds.get(cell.index()));
    }

    /** Reads the source; {@code name} identifies the assignment unless the notebook names itself in metadata.vmlab.assignment. */
    public static Assignment of(Notebook source, String name) {
        String declared = source.metadata().path(CellOptions.KEY).path("assignment").asText("");
        String assignmentName = declared.isEmpty() ? name : declared;
        List<SourceCell> cells = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Cell> notebookCells = source.cells();
        for (int i = 0; i < notebookCells.size(); i++) {
            Cell cell = notebookCells.get(i);
            String where = source.origin() + ": cell " + (i + 1);
            Optional<NbgraderMetadata> nbgrader = NbgraderMetadata.of(cell, where);
            if (nbgrader.isPresent() && nbgrader.get().gradeId() != null) {
                Integer before = seen.put(nbgrader.get().gradeId(), i + 1);
                if (before != null) {
                    throw new AssignmentException(where + ": grade_id '" + nbgrader.get().gradeId() + "' is also used by cell " + before);
                }
            }
            boolean answer = nbgrader.map(NbgraderMetadata::solution).orElse(false);
            if (!answer && Regions.hasSolution(cell.source())) {
                throw new AssignmentException(where + ": has a BEGIN SOLUTION region but is not an answer cell "
                        + "(metadata.nbgrader.solution); its solution would be graded as instructor code");
            }
            Regions.replaceSolutions(cell.source(), "", where);
            Regions.removeHiddenTests(cell.source(), where);
            CellOptions options = CellOptions.of(cell, where);
            if (nbgrader.map(NbgraderMetadata::isTests).orElse(false)) {
                List<String> problems = NamedChecks.problems(cell.source(), options.checkPoints(), nbgrader.get().points());
                if (!problems.isEmpty()) {
                    throw new AssignmentException(where + ": " + String.join("; ", problems));
                }
            } else if (!options.checkPoints().isEmpty()) {
                throw new AssignmentException(where + ": metadata.vmlab.points on a cell that is not a test cell");
            }
            cells.add(new SourceCell(i, cell, nbgrader, options));
        }
        if (cells.stream().noneMatch(SourceCell::isTests)) {
            throw new AssignmentException(source.origin() + ": no test cell (metadata.nbgrader.grade true with points); "
                    + "there is nothing to grade");
        }
        return new Assignment(assignmentName, source, cells);
    }

    public static Assignment read(java.nio.file.Path file) {
        String fileName = file.getFileName().toString();
        return of(Notebook.read(file), fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - 6) : fileName);
    }

    public String name() {
        return name;
    }

    public Notebook source() {
        return source;
    }

    public List<SourceCell> cells() {
        return cells;
    }

    public Optional<SourceCell> cell(String gradeId) {
        return Optional.ofNullable(byGradeId.get(gradeId));
    }

    /** The test cells, in notebook order. */
    public List<SourceCell> tests() {
        return cells.stream().filter(SourceCell::isTests).toList();
    }

    public double maxScore() {
        return tests().stream().mapToDouble(SourceCell::points).sum();
    }

    /** The heap the grading kernel gets: the largest memory_mb any cell asks for, else the default. */
    public int memoryMb(int defaultMb) {
        return cells.stream().flatMap(c -> c.options().memoryMb().stream()).max(Integer::compare).orElse(defaultMb);
    }

    /** The assignment a notebook says it belongs to (written by {@code vmlab assign}), if it says. */
    static Optional<String> declaredAssignment(Notebook notebook) {
        JsonNode name = notebook.metadata().path(CellOptions.KEY).path("assignment");
        return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "assignment " + name + ": " + tests().size() + " test cells, " + maxScore() + " points";
    }
}
