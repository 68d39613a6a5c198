package vmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import vmlab.evaluation.JShellEvaluator;
import vmlab.lab.CourseMap;

/**
 * Lesson 00 tells the truth to a new student: its live chart rises with n as its text says (the JIT's warm-up is done
 * before timing, so the curve no longer falls half-way), and its course map links only to lessons that exist.
 */
class WelcomeLessonIT {

    private static final Path NOTEBOOKS = Path.of("..", "notebooks").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+\\.ipynb)[^)]*\\)");

    private static List<String> cells(String type) throws Exception {
        JsonNode notebook = new ObjectMapper().readTree(NOTEBOOKS.resolve("00-welcome.ipynb").toFile());
        List<String> sources = new ArrayList<>();
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("cell_type").asText().equals(type)) {
                StringBuilder source = new StringBuilder();
                cell.path("source").forEach(line -> source.append(line.asText()));
                sources.add(source.toString());
            }
        }
        return sources;
    }

    @Test
    void theWelcomeChartRisesWithNOnceWarm() throws Exception {
        String timing = cells("code").stream().filter(s -> s.contains("long addUp(long n)")).findFirst().orElseThrow();
        try (JShellEvaluator jshell = JShellEvaluator.start()) {
            jshell.evaluate(timing);
            double[] ms = (double[]) jshell.evaluate("loopTimes.doubleColumn(\"CPU ms\").asDoubleArray()").value();
            assertEquals(12, ms.length);
            // The sizes go 0.5 M, 1 M, ... 6 M: the time must follow them up, with no step down to a faster loop.
            assertTrue(rankCorrelation(ms) >= 0.9, "the times do not rise with n: " + Arrays.toString(ms));
            assertTrue(ms[11] > 4 * ms[0], "12 times the work in less than 4 times the time: " + Arrays.toString(ms));
            // Without the warm-up the curve fell to a quarter (8 ms at 4 M, then 2 ms from 5 M: the JIT's faster loop
            // arriving). Neighbouring sizes differ by 8 to 17 %, less than a shared machine's noise, so the check is
            // for a step down, not for strict order: no size runs in less than 80 % of the time of a smaller one.
            for (int small = 0; small < ms.length; small++) {
                for (int big = small + 1; big < ms.length; big++) {
                    assertTrue(ms[big] > 0.8 * ms[small], "n = " + (big + 1) * 500_000 + " ran in " + ms[big]
                            + " ms, far less than n = " + (small + 1) * 500_000 + ": " + Arrays.toString(ms));
                }
            }
        }
    }

    /** Spearman's rank correlation of the values with their position. */
    private static double rankCorrelation(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double sumSquares = 0;
        for (int rank = 0; rank < n; rank++) {
            double d = rank - order[rank];
            sumSquares += d * d;
        }
        return 1 - 6 * sumSquares / (n * ((double) n * n - 1));
    }

    @Test
    void everyLessonLinkInTheWelcomePointsAtANotebookThatExists() throws Exception {
        int links = 0;
        for (String markdown : cells("markdown")) {
            Matcher link = LINK.matcher(markdown);
            while (link.find()) {
                links++;
                assertTrue(Files.exists(NOTEBOOKS.resolve(link.group(1))), "00 links to a missing " + link.group(1));
            }
        }
        assertTrue(links >= 1, "00 points to the next lesson");
        assertTrue(cells("code").stream().anyMatch(s -> s.contains("CourseMap.here()")),
                "the course map is drawn from the notebooks present");
        CourseMap map = CourseMap.in(NOTEBOOKS);
        try (var files = Files.list(NOTEBOOKS)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("0[0-7]-.*\\.ipynb")).forEach(n ->
                    assertTrue(map.toHtml().contains("href=\"" + n + "\""), "the map does not link " + n));
        }
        for (CourseMap.Lesson lesson : map.plan()) {
            if (map.notebook(lesson.number()).isEmpty()) {
                assertTrue(map.toHtml().contains(lesson.title() + " <i style=\"color:#777\">(coming)</i>"),
                        lesson.title() + " is not marked coming");
            }
        }
    }
}
