package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lesson 01's scheduler exercise rewards a policy only if it serves quick commands sooner than round-robin without
 * starving the long jobs and without thrashing. Two policies that win on quick commands alone, graded for real (the host
 * kernel runs the corpus programs under them), must lose the exercise's points and keep the other exercise's.
 */
class SchedulerContestIT {

    private static final Path LESSON = Path.of("..", "notebooks", "01-time-sharing.ipynb").toAbsolutePath().normalize();

    /** Least CPU used so far first: quick commands fly, the long `loop` jobs never get the CPU on a busy machine. */
    private static final String STARVING = """
            class MyPolicy implements Policy {
                public Task pick(List<Task> ready, long now) {
                    Task best = ready.get(0);
                    for (Task t : ready) {
                        if (t.cpuCycles() < best.cpuCycles()) {
                            best = t;
                        }
                    }
                    return best;
                }

                public long slice(Task task, long quantum) {
                    return quantum;
                }
            }""";

    /** The same, with slices so short that the kernel's switches eat the CPU. */
    private static final String THRASHING = STARVING.replace("return quantum;", "return 300;")
            .replace("t.cpuCycles() < best.cpuCycles()", "false");

    @Test
    void aPolicyThatStarvesOrThrashesLosesTheSchedulerPoints(@TempDir Path work) throws Exception {
        Path starving = withPolicy(work.resolve("starving.ipynb"), STARVING);
        Path thrashing = withPolicy(work.resolve("thrashing.ipynb"), THRASHING);
        Path graded = work.resolve("graded");
        int exit = VmLab.commandLine().execute("grade", "--source", LESSON.toString(), starving.toString(),
                thrashing.toString(), "--out", graded.toString(), "--timeout", "180", "--parallel", "2");
        assertEquals(0, exit, "vmlab grade");
        List<String> gradebook = Files.readAllLines(graded.resolve("gradebook.csv"));
        for (String submission : List.of("starving", "thrashing")) {
            String[] row = gradebook.stream().filter(line -> line.startsWith(submission + ",")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + submission + ": " + gradebook)).split(",");
            assertEquals(5.0, Double.parseDouble(row[2]), 1e-9, "the lesson's points: " + gradebook);
            assertEquals(2.0, Double.parseDouble(row[1]), 1e-9, submission
                    + ": the bill exercise (2 points) passes, the scheduler exercise (3 points) must not\n" + gradebook);
        }
    }

    private static Path withPolicy(Path file, String policy) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode notebook = json.readTree(LESSON.toFile());
        int replaced = 0;
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("metadata").path("nbgrader").path("grade_id").asText().equals("policy-answer")) {
                ArrayNode source = ((ObjectNode) cell).putArray("source");
                policy.lines().forEach(line -> source.add(line + "\n"));
                replaced++;
            }
        }
        assertEquals(1, replaced, "lesson 01 has one policy answer cell");
        json.writeValue(file.toFile(), notebook);
        return file;
    }
}
