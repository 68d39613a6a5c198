package vmlab.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;
import vmlab.notebook.Outputs;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StudentVersionTest {

    static Assignment warmup() throws Exception {
        return Assignment.of(Notebook.parse(new String(StudentVersionTest.class.getResourceAsStream("warmup.ipynb").readAllBytes()),
                "warmup.ipynb"), "warmup");
    }

    @Test
    void noSolutionOrHiddenTestTextSurvivesAnywhereMetadataIncluded() throws Exception {
        Assignment source = warmup();
        Cell answer = source.cells().get(3).cell();
        answer.metadata().put("instructor_hint", "SECRET-IN-CELL-METADATA");
        answer.addOutput(Outputs.stream("stdout", "SECRET-IN-OUTPUT"));
        String sourceJson = source.source().toJson();
        assertTrue(sourceJson.contains("SECRET-SOLUTION-Q1") && sourceJson.contains("SECRET-HIDDEN-Q3")
                && sourceJson.contains("SECRET-NOTE"), "the source carries the secrets this test looks for");

        String student = StudentVersion.of(source).toJson();

        assertFalse(student.contains("SECRET"), student);
        assertFalse(student.contains("BEGIN SOLUTION") || student.contains("HIDDEN TESTS"), student);
        for (String answerCode : List.of("return x * x", "\"Hello, \" + name", "long a = 0, b = 1", "values.clone()")) {
            assertFalse(student.contains(answerCode), answerCode);
        }
    }

    @Test
    void solutionsBecomeAStubThatThrowsKeepingTheSignature() throws Exception {
        Notebook student = StudentVersion.of(warmup());
        assertEquals("long square(long x) {\n    // YOUR CODE HERE\n    throw new UnsupportedOperationException(\"not implemented yet\");\n}",
                student.cells().get(3).source());
    }

    @Test
    void aSolutionInsideAStringOfAssemblyBecomesAnAssemblyCommentNotJava() {
        String source = "String multiply = \"\"\"\n        # BEGIN SOLUTION\n        li t0, 0\n        mv a0, t0\n        # END SOLUTION\n    \"\"\";";
        String student = Regions.replaceSolutionsForStudents(source, true, "multiply");
        assertEquals("String multiply = \"\"\"\n        # YOUR CODE HERE\n    \"\"\";", student);
        assertFalse(student.contains("throw"), "a Java statement inside the assembly would not assemble");
    }

    @Test
    void eachRegionGetsTheStubOfItsOwnLanguage() {
        String mixed = "int f() {\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n}\nString asm = \"\"\"\n"
                + "    # BEGIN SOLUTION\n    li a0, 1\n    # END SOLUTION\n    \"\"\";";
        String student = Regions.replaceSolutionsForStudents(mixed, true, "mixed");
        assertTrue(student.contains("    // YOUR CODE HERE\n    throw new UnsupportedOperationException"), student);
        assertTrue(student.contains("    # YOUR CODE HERE\n    \"\"\""), student);
        assertEquals("Intro.\nYOUR ANSWER HERE\nEnd.",
                Regions.replaceSolutionsForStudents("Intro.\n### BEGIN SOLUTION\nThe answer.\n### END SOLUTION\nEnd.", false, "md"));
    }

    @Test
    void visibleTestsStayAndHiddenOnesGo() throws Exception {
        Notebook student = StudentVersion.of(warmup());
        assertEquals("assertEquals(9, square(3));\nassertEquals(4, square(-2));", student.cells().get(4).source());
    }

    @Test
    void everyCellButTheAnswersIsLockedAndChecksummedAsNbgraderDoes() throws Exception {
        Notebook student = StudentVersion.of(warmup());
        for (Cell cell : student.cells()) {
            NbgraderMetadata nbgrader = NbgraderMetadata.of(cell, cell.toString()).orElseThrow(() -> new AssertionError(cell));
            assertEquals(!nbgrader.solution(), nbgrader.effectivelyLocked(), cell.toString());
            assertEquals(!nbgrader.solution(), !cell.metadata().path("editable").asBoolean(true), cell.toString());
            assertEquals(NbgraderChecksum.of(cell, nbgrader), nbgrader.checksum(), cell.toString());
            assertEquals(cell.type().name().toLowerCase(), nbgrader.cellType());
            assertTrue(cell.outputs().isEmpty());
        }
        assertEquals("warmup", student.metadata().path("vmlab").path("assignment").asText());
    }

    @Test
    void studentVersionIsValidForNbformatAndNbgradersSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("warmup.ipynb");
        StudentVersion.of(warmup()).write(file);
        assertEquals("valid", Python.run(Python.resource("validate_notebook.py", dir), file.toString()).strip());
    }

    @Test
    void aSolutionOutsideAnAnswerCellIsRefusedBecauseGradingWouldRunIt() {
        Notebook notebook = Notebook.create();
        notebook.add(Cell.code("int f() {\n// BEGIN SOLUTION\nreturn 1;\n// END SOLUTION\n}"));
        Cell tests = Cell.code("assertEquals(1, f());");
        NbgraderMetadata.tests("t", 1).writeTo(tests);
        notebook.add(tests);
        AssignmentException e = assertThrows(AssignmentException.class, () -> Assignment.of(notebook, "x"));
        assertTrue(e.getMessage().contains("cell 1") && e.getMessage().contains("not an answer cell"), e.getMessage());
    }

    @Test
    void anUnclosedRegionNamesItsLine() {
        Notebook notebook = Notebook.create();
        Cell answer = Cell.code("int f() {\n// BEGIN SOLUTION\nreturn 1;\n}");
        NbgraderMetadata.answer("a").writeTo(answer);
        notebook.add(answer);
        AssignmentException e = assertThrows(AssignmentException.class, () -> Assignment.of(notebook, "x"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("never closed"), e.getMessage());
    }
}
