package vmlab.grading;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The marked regions of a cell's source, one line each: {@code // BEGIN SOLUTION} ... {@code // END SOLUTION} and
 * {@code // BEGIN HIDDEN TESTS} ... {@code // END HIDDEN TESTS}. The comment may also be nbgrader's Python or Markdown style
 * ({@code ### BEGIN SOLUTION}), so notebooks written for nbgrader read as they are.
 */
final class Regions {

    static final String CODE_STUB = "// YOUR CODE HERE\nthrow new UnsupportedOperationException(\"not implemented yet\");";
    /** For a region inside a string of assembly (or any '#'-commented language) in a Java cell: a comment, valid there. */
    static final String HASH_COMMENT_STUB = "# YOUR CODE HERE";
    static final String MARKDOWN_STUB = "YOUR ANSWER HERE";

    private static final Pattern COMMENT = Pattern.compile("^\\s*(//+|#+)\\s*");

    private Regions() {
    }

    static boolean hasSolution(String source) {
        return source.lines().anyMatch(line -> isMarker(line, "BEGIN SOLUTION"));
    }

    static boolean hasHiddenTests(String source) {
        return source.lines().anyMatch(line -> isMarker(line, "BEGIN HIDDEN TESTS"));
    }

    /** Each solution region becomes the stub, indented like its BEGIN line. */
    static String replaceSolutions(String source, String stub, String where) {
        return rewrite(source, "SOLUTION", begin -> stub, where);
    }

    /**
     * Each solution region becomes a stub valid in the language of the region it replaces. In a Markdown cell, a line to
     * replace. In a Java cell, a region marked with {@code //} is Java, so it becomes a statement that throws; a region marked
     * with {@code #} cannot be Java (Java has no such comment), so it sits inside a string of assembly or script, and becomes a
     * comment of that language, which the assembler skips: the student's program is then empty, not broken.
     */
    static String replaceSolutionsForStudents(String source, boolean codeCell, String where) {
        return rewrite(source, "SOLUTION", begin -> !codeCell ? MARKDOWN_STUB
                : begin.stripLeading().startsWith("#") ? HASH_COMMENT_STUB : CODE_STUB, where);
    }

    /** Hidden-test regions vanish, markers included. */
    static String removeHiddenTests(String source, String where) {
        return rewrite(source, "HIDDEN TESTS", null, where);
    }

    /** {@code stubFor} gives the text that replaces a region from its BEGIN line; null removes the region. */
    private static String rewrite(String source, String kind, java.util.function.UnaryOperator<String> stubFor, String where) {
        StringBuilder out = new StringBuilder();
        List<String> lines = source.lines().toList();
        boolean inside = false;
        int openedAt = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isMarker(line, "BEGIN " + kind)) {
                if (inside) {
                    throw new AssignmentException(where + ", line " + (i + 1) + ": BEGIN " + kind + " inside the region opened on line "
                            + openedAt);
                }
                inside = true;
                openedAt = i + 1;
                String stub = stubFor == null ? null : stubFor.apply(line);
                if (stub != null) {
                    String indent = line.substring(0, line.length() - line.stripLeading().length());
                    stub.lines().forEach(stubLine -> out.append(indent).append(stubLine).append('\n'));
                }
            } else if (isMarker(line, "END " + kind)) {
                if (!inside) {
                    throw new AssignmentException(where + ", line " + (i + 1) + ": END " + kind + " without a BEGIN");
                }
                inside = false;
            } else if (!inside) {
                out.append(line).append('\n');
            }
        }
        if (inside) {
            throw new AssignmentException(where + ": the " + kind + " region opened on line " + openedAt + " is never closed");
        }
        if (!source.endsWith("\n") && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static boolean isMarker(String line, String marker) {
        var comment = COMMENT.matcher(line);
        return comment.find() && line.substring(comment.end()).strip().equals(marker);
    }
}
