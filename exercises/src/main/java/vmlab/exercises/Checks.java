package vmlab.exercises;

import org.opentest4j.AssertionFailedError;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One-line checks for test cells, with messages a student can act on:
 * <pre>Checks.assertPrints("hello\n", () -> run(program));       // this code prints exactly that
 * Checks.assertWithin(2.0, measuredRatio, 0.10, "speed-up");      // within 10 % of the expected value</pre>
 */
public final class Checks {

    private Checks() {
    }

    /** What {@code code} printed on System.out while it ran. */
    public static String printed(Runnable code) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        synchronized (Checks.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                code.run();
            } finally {
                System.setOut(original);
            }
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Fails unless {@code code} prints exactly {@code expected} (line endings normalised). */
    public static void assertPrints(String expected, Runnable code) {
        String actual = printed(code).replace("\r\n", "\n");
        if (!actual.equals(expected.replace("\r\n", "\n"))) {
            throw new AssertionFailedError("expected the program to print " + quote(expected) + " but it printed " + quote(actual),
                    expected, actual);
        }
    }

    /** Fails unless {@code actual} is within {@code relativeTolerance} (0.1 = 10 %) of {@code expected}. */
    public static void assertWithin(double expected, double actual, double relativeTolerance, String what) {
        double allowed = Math.abs(expected) * relativeTolerance;
        if (!(Math.abs(actual - expected) <= allowed)) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s is %.4g, but should be %.4g give or take %.0f%%", what, actual,
                    expected, relativeTolerance * 100), expected, actual);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
