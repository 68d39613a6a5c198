package vmlab.grading;


import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The code the harness sends in place of a test cell, and how it reads the verdict back. The test cell's source (restored from
 * the instructor's notebook, hidden tests included) becomes the body of a {@link GradedCell}; a final expression, nbgrader's way
 * of giving partial credit, becomes the returned value. The nonce is fresh for every cell and run, so no earlier cell could
 * have learned it.
 */
final class HarnessCell {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HIDDEN_BEGIN = Pattern.compile("^\\s*(//+|#+)\\s*BEGIN HIDDEN TESTS\\s*$");
    private static final Pattern HIDDEN_END = Pattern.compile("^\\s*(//+|#+)\\s*END HIDDEN TESTS\\s*$");

    final String nonce;
    final String code;

    private HarnessCell(String nonce, String code) {
        this.nonce = nonce;
        this.code = code;
    }

    static HarnessCell wrap(String testSource) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        StringBuilder body = new StringBuilder();
        int checks = 0;
        for (String line : testSource.lines().toList()) {
            // Same line count as the source, so compile errors point at the instructor's line.
            if (NamedChecks.LINE.matcher(line).matches()) {
                body.append("check(").append(checks++).append(");\n");
            } else if (HIDDEN_BEGIN.matcher(line).matches()) {
                body.append("enterHiddenTests();\n");
            } else if (HIDDEN_END.matcher(line).matches()) {
                body.append("leaveHiddenTests();\n");
            } else {
                body.append(line).append('\n');
            }
        }
        Split split = Split.lastExpression(body.toString());
        String code = "new " + GradedCell.class.getName() + "(\"" + nonce + "\", " + checks
                + ") { protected Object run() throws Throwable {\n"
                + split.statements
                + (split.expression.isEmpty() ? "\nreturn null;" : "\nreturn (" + split.expression + ");")
                + "\n}}.verdict()";
        return new HarnessCell(nonce, code);
    }

    /**
     * The verdict, decided here outside the student's JVM: passed only if the cell ran to its end and its value is this cell's
     * sealed verdict; empty (no credit) otherwise. A number in the verdict is the partial credit.
     */
    Optional<OptionalDouble> passed(CellRun outcome) {
        if (!outcome.ok() || outcome.result().isEmpty()) {
            return Optional.empty();
        }
        String marker = Verdict.PREFIX + nonce + ":passed";
        String result = outcome.result().get().strip();
        if (result.startsWith("\"") && result.endsWith("\"")) {
            return Optional.empty(); // a string that merely looks like a verdict
        }
        if (result.equals(marker)) {
            return Optional.of(OptionalDouble.empty());
        }
        if (result.startsWith(marker + ":")) {
            try {
                return Optional.of(OptionalDouble.of(Double.parseDouble(result.substring(marker.length() + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** How a cell of named checks failed: how many checks passed first, and the failure's message (empty if hidden). */
    record FailedCheck(int checksPassed, String message) {
    }

    /** The failed-check verdict of this cell, if that is what it returned (sealed with this cell's nonce). */
    Optional<FailedCheck> failedCheck(CellRun outcome) {
        if (!outcome.ok() || outcome.result().isEmpty()) {
            return Optional.empty();
        }
        String marker = Verdict.PREFIX + nonce + ":failed-check:";
        String result = outcome.result().get().strip();
        if (!result.startsWith(marker)) {
            return Optional.empty();
        }
        String rest = result.substring(marker.length());
        int colon = rest.indexOf(':');
        try {
            return Optional.of(new FailedCheck(Integer.parseInt(rest.substring(0, colon)), rest.substring(colon + 1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A test cell's source cut into its statements and a final expression (empty if it ends with a statement). */
    record Split(String statements, String expression) {

        private static final Pattern ASSERTION_CALL = Pattern.compile("(assert\\w*|fail)\\s*\\(");

        static Split lastExpression(String source) {
            int end = lastTopLevelBoundary(source);
            String tail = source.substring(end);
            if (strip(tail).isBlank()) {
                return new Split(source, "");
            }
            if (ASSERTION_CALL.matcher(tail.strip()).lookingAt()) {
                return new Split(source.substring(0, end) + tail.stripTrailing() + ";", ""); // JShell lets the last ';' go
            }
            return new Split(source.substring(0, end), tail.strip());
        }

        /** Index just after the last ';' or '}' outside comments, strings and brackets. */
        private static int lastTopLevelBoundary(String s) {
            int boundary = 0;
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (s.startsWith("//", i)) {
                    i = Math.max(i, s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i));
                } else if (s.startsWith("/*", i)) {
                    int close = s.indexOf("*/", i + 2);
                    i = close < 0 ? s.length() : close + 1;
                } else if (s.startsWith("\"\"\"", i)) {
                    int close = s.indexOf("\"\"\"", i + 3);
                    i = close < 0 ? s.length() : close + 2;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) != c) {
                        j += s.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']') {
                    depth--;
                } else if (c == '}') {
                    depth--;
                    if (depth == 0) {
                        boundary = i + 1;
                    }
                } else if (c == ';' && depth == 0) {
                    boundary = i + 1;
                }
            }
            return boundary;
        }

        private static String strip(String code) {
            return String.join("\n", code.lines().map(line -> {
                int comment = line.indexOf("//");
                return comment < 0 ? line : line.substring(0, comment);
            }).toList()).replaceAll("(?s)/\\*.*?\\*/", "");
        }
    }
}
