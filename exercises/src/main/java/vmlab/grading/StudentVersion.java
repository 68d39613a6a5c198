package vmlab.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code vmlab assign} hands out: solutions replaced by a stub that throws, hidden tests removed, outputs cleared, every
 * cell but the answers locked, nbgrader checksums computed as nbgrader computes them. Cell and notebook metadata are rebuilt from a
 * short allow-list, so nothing the instructor left in them (a solution pasted in a note, timings) reaches the students.
 */
public final class StudentVersion {

    /** Standard nbformat/Jupyter cell metadata a student version may keep. */
    private static final Set<String> KEPT_CELL_METADATA = Set.of("tags", "collapsed", "scrolled", "jupyter");

    private StudentVersion() {
    }

    public static Notebook of(Assignment assignment) {
        Notebook student = assignment.source().copy();
        ObjectNode metadata = student.metadata();
        metadata.retain("kernelspec", "language_info");
        metadata.putObject(CellOptions.KEY).put("assignment", assignment.name());

        List<Cell> cells = new ArrayList<>();
        for (Assignment.SourceCell sourceCell : assignment.cells()) {
            Cell cell = sourceCell.cell().copy();
            String where = assignment.source().origin() + ": " + sourceCell.where();
            cell.json().retain("cell_type", "id", "metadata", "source", "outputs", "execution_count");
            cell.clearOutputs();
            String source = Regions.removeHiddenTests(cell.source(), where);
            NbgraderMetadata nbgrader = sourceCell.nbgrader().orElse(null);
            if (nbgrader != null && nbgrader.solution()) {
                source = Regions.hasSolution(source) ? Regions.replaceSolutionsForStudents(source, cell.isCode(), where)
                        : cell.isCode() ? Regions.CODE_STUB : Regions.MARKDOWN_STUB;
            }
            cell.source(source);
            if (nbgrader == null) {
                nbgrader = NbgraderMetadata.readOnly(assignment.studentGradeId(sourceCell));
            } else if (!nbgrader.solution()) {
                nbgrader = nbgrader.withLocked(true);
            }
            ObjectNode vmlab = cell.metadata().has(CellOptions.KEY) ? (ObjectNode) cell.metadata().get(CellOptions.KEY) : null;
            cell.metadata().retain(KEPT_CELL_METADATA);
            if (vmlab != null) {
                cell.metadata().set(CellOptions.KEY, vmlab.retain("timeout_seconds", "memory_mb", "visibility"));
            }
            boolean locked = nbgrader.effectivelyLocked();
            cell.metadata().put("deletable", false);
            if (locked) {
                cell.metadata().put("editable", false);
            }
            nbgrader = nbgrader.withoutChecksum();
            nbgrader = nbgrader.withChecksum(NbgraderChecksum.of(cell, nbgrader), cell.type().name().toLowerCase());
            nbgrader.writeTo(cell);
            cells.add(cell);
        }
        return student.cells(cells);
    }
}
