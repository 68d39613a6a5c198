package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab bench} in-process on one small workload: the table, the targets and the CSV file. */
class BenchCommandTest {
    @TempDir
    Path temp;

    @Test
    void quickBenchPrintsTheTableAndTheTargetsAndWritesCsv() throws Exception {
        Path csv = temp.resolve("bench.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out, savedErr = System.err;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            status = VmLab.commandLine().execute("bench", "--quick", "--workloads", "fib", "--no-qemu", "--csv",
                    csv.toString());
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("block compiler") && text.contains("native Java"), text);
        assertTrue(text.contains("fast interpreter >= 300 MIPS"), text);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), "a header and four configurations: " + lines);
        assertTrue(lines.get(0).startsWith("workload,configuration,instructions"), lines.get(0));
    }
}
