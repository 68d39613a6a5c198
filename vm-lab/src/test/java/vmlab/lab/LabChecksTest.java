package vmlab.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class LabChecksTest {

    @Test
    void anAssemblySnippetIsCheckedByTheRegisterItLeaves() {
        LabChecks.assertAssemblyComputes("li a0, 6\nli a1, 7\nmul a0, a0, a1", "a0", 42);
        AssertionError wrong = assertThrows(AssertionError.class,
                () -> LabChecks.assertAssemblyComputes("li a0, 6\nli a1, 7\nadd a0, a0, a1", "a0", 42));
        assertEquals("the snippet leaves 13 (0xd) in a0, but should leave 42", wrong.getMessage());
    }

    @Test
    void aSnippetStuckInALoopFailsInsteadOfHanging() {
        AssertionError stuck = assertThrows(AssertionError.class,
                () -> LabChecks.assertAssemblyComputes("loop:\n    j loop", "a0", 0));
        assertTrue(stuck.getMessage().startsWith("the snippet did not reach its end"), stuck.getMessage());
    }

    @Test
    void aGuestProgramIsCheckedByWhatItPrints() {
        String printed = Lab.machine().load(Guest.program("hello")).run().output();
        assertFalse(printed.isEmpty());
        LabChecks.assertGuestPrints(printed, "hello");
        AssertionError wrong = assertThrows(AssertionError.class, () -> LabChecks.assertGuestPrints("goodbye\n", "hello"));
        assertTrue(wrong.getMessage().startsWith("hello should print \"goodbye\\n\" but printed"), wrong.getMessage());
    }

    /**
     * The examples that the README, the docs and LabChecks' own javadoc show are true: each documented
     * {@code assertGuestPrints("...", "program")} passes (an example that printed "hello, world" once did not).
     */
    @Test
    void theDocumentedGuestPrintsExamplesPass() throws IOException {
        Pattern example = Pattern.compile("LabChecks\\.assertGuestPrints\\(\"((?:[^\"\\\\]|\\\\.)*)\", \"([a-z0-9_-]+)\"\\)");
        List<String> checked = new ArrayList<>();
        for (Path file : List.of(Path.of("../README.md"), Path.of("../docs/grading.md"),
                Path.of("src/main/java/vmlab/lab/LabChecks.java"))) {
            Matcher m = example.matcher(Files.readString(file));
            while (m.find()) {
                String expected = m.group(1).replace("\\n", "\n").replace("\\\"", "\"");
                LabChecks.assertGuestPrints(expected, m.group(2));
                checked.add(file.getFileName() + ": " + m.group(2));
            }
        }
        assertTrue(checked.size() >= 2, "the examples in docs/grading.md and the javadoc were found: " + checked);
    }
}
