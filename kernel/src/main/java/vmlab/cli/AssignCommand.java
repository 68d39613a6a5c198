package vmlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.grading.Assignment;
import vmlab.grading.AssignmentException;
import vmlab.grading.StudentVersion;
import vmlab.notebook.NotebookFormatException;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vmlab assign SOURCE.ipynb --out DIR}: writes the student version of an nbgrader-style assignment notebook. */
@Command(name = "assign", mixinStandardHelpOptions = true,
        description = {"Write the student version of an assignment: solutions (// BEGIN SOLUTION .. // END SOLUTION) become a stub "
                + "that throws, hidden tests (// BEGIN HIDDEN TESTS .. // END HIDDEN TESTS) are removed, outputs cleared, "
                + "cells locked and checksummed (nbgrader schema 3)."},
        footer = {"", "Exit codes: 0 written; 2 the source notebook is malformed (the message says where)."})
public final class AssignCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SOURCE.ipynb", description = "The instructor's notebook, with solutions and hidden tests.")
    private Path source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the student version (same file name).")
    private Path out;

    @Override
    public Integer call() {
        try {
            Assignment assignment = Assignment.read(source);
            Path target = out.resolve(source.getFileName());
            if (target.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
                System.err.println("vmlab assign: --out would overwrite the source " + source);
                return 2;
            }
            StudentVersion.of(assignment).write(target);
            System.out.println("wrote " + target + " (" + assignment + ")");
            return 0;
        } catch (NotebookFormatException | AssignmentException e) {
            System.err.println("vmlab assign: " + e.getMessage());
            return 2;
        }
    }
}
