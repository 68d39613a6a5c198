package vmlab.grading;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named checks of a test cell. A line {@code // CHECK: unknown opcodes must throw} starts a check that runs to the next
 * such line or to the end of the cell. The name is what a student is told when that check fails, including inside hidden
 * tests, whose source stays secret: "A hidden test failed: unknown opcodes must throw". With points for each check in
 * {@code metadata.vmlab.points}, the cell gives partial credit: the checks that passed before the first failure earn theirs,
 * and each check is its own Gradescope test, visible at once unless it is hidden.
 */
final class NamedChecks {

    static final Pattern LINE = Pattern.compile("^\\s*//+\\s*CHECK:\\s*(\\S.*?)\\s*$");
    private static final Pattern HIDDEN_BEGIN = Pattern.compile("^\\s*(//+|#+)\\s*BEGIN HIDDEN TESTS\\s*$");
    private static final Pattern HIDDEN_END = Pattern.compile("^\\s*(//+|#+)\\s*END HIDDEN TESTS\\s*$");

    /** One check: its name, whether it sits in a hidden-test region, and its points (0 when the cell has none per check). */
    record Check(String name, boolean hidden, double points) {
    }

    private NamedChecks() {
    }

    /** The checks of {@code source} in order; {@code points} is the cell's metadata.vmlab.points (may be empty). */
    static List<Check> of(String source, Map<String, Double> points) {
        List<Check> checks = new ArrayList<>();
        boolean hidden = false;
        for (String line : source.lines().toList()) {
            if (HIDDEN_BEGIN.matcher(line).matches()) {
                hidden = true;
            } else if (HIDDEN_END.matcher(line).matches()) {
                hidden = false;
            } else {
                Matcher check = LINE.matcher(line);
                if (check.matches()) {
                    checks.add(new Check(check.group(1), hidden, points.getOrDefault(check.group(1), 0.0)));
                }
            }
        }
        return checks;
    }

    /** The problems with a test cell's checks and their points, for {@link Assignment} to refuse; empty if none. */
    static List<String> problems(String source, Map<String, Double> points, double cellPoints) {
        List<String> problems = new ArrayList<>();
        List<Check> checks = of(source, points);
        Set<String> names = new HashSet<>();
        for (Check check : checks) {
            if (!names.add(check.name())) {
                problems.add("two checks are named '" + check.name() + "'");
            }
        }
        if (points.isEmpty()) {
            return problems;
        }
        for (String name : points.keySet()) {
            if (!names.contains(name)) {
                problems.add("metadata.vmlab.points names '" + name + "', but no '// CHECK: " + name + "' line");
            }
        }
        for (Check check : checks) {
            if (!points.containsKey(check.name())) {
                problems.add("check '" + check.name() + "' has no points in metadata.vmlab.points");
            }
        }
        double sum = points.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - cellPoints) > 1e-9) {
            problems.add("the checks' points add up to " + sum + ", but the cell is worth " + cellPoints);
        }
        return problems;
    }
}
