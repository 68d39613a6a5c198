package vmlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code vmlab assign} then {@code vmlab grade} end to end on real VM Lab kernel JVMs (started through the Jupyter client, in
 * the bubblewrap sandbox): the source gets full marks, the untouched student version zero, and cheating or crashing answers exactly what
 * their honest part earns.
 */
class GradeCommandTest {

    @TempDir
    static Path dir;
    static Path out;
    static int exitCode;

    @BeforeAll
    static void assignThenGrade() throws Exception {
        Path source = dir.resolve("warmup.ipynb");
        try (InputStream in = GradeCommandTest.class.getResourceAsStream("warmup.ipynb")) {
            Files.copy(in, source);
        }
        assertEquals(0, VmLab.commandLine().execute("assign", source.toString(), "--out", dir.resolve("release").toString()));
        Path student = dir.resolve("release/warmup.ipynb");

        Path untouched = dir.resolve("untouched.ipynb");
        Files.copy(student, untouched);
        Path cheater = write("cheater.ipynb", student, List.of(
                "long square(long x) { return x + x; }",
                "String greet(String name) { System.out.println(\"passed\"); System.exit(0); return \"\"; }",
                "long fib(int n) { while (true) { } }",
                "int[] sorted(int[] v) { int[] c = v.clone(); Arrays.sort(c); return c; }"),
                "void assertEquals(long a, long b) { }");
        Path snoop = write("snoop.ipynb", student, List.of(
                "long square(long x) { try { Files.writeString(Path.of(\"scratch.txt\"), \"mine\");"
                        + " return Files.readString(Path.of(\"scratch.txt\")).equals(\"mine\") ? x * x : 0; }"
                        + " catch (Exception e) { throw new RuntimeException(e); } }",
                "String greet(String name) { try { return Files.readString(Path.of(\"" + source + "\")).contains(\"SECRET\")"
                        + " ? \"Hello, \" + name + \"!\" : \"\"; } catch (Exception denied) { return denied.toString(); } }",
                "long fib(int n) { try { Files.writeString(Path.of(\"../escaped.txt\"), \"out\"); } catch (Exception denied)"
                        + " { return -1; } long a = 0, b = 1; for (int i = 0; i < n; i++) { long t = a + b; a = b; b = t; } return a; }",
                "int[] sorted(int[] v) { int[] c = v.clone(); Arrays.sort(c); return c; }"),
                "import java.nio.file.*;");
        out = dir.resolve("graded");
        exitCode = VmLab.commandLine().execute("grade", "--source", source.toString(), source.toString(), untouched.toString(),
                cheater.toString(), snoop.toString(), "--out", out.toString(), "--timeout", "5", "--parallel", "2");
    }

    private static Path write(String name, Path student, List<String> answers, String extraCell) {
        Notebook notebook = Notebook.read(student);
        List<Cell> cells = new java.util.ArrayList<>();
        int next = 0;
        for (Cell cell : notebook.cells()) {
            cells.add(cell);
            if (cell.metadata().path("nbgrader").path("solution").asBoolean()) {
                cell.source(answers.get(next++));
                if (next == 1) {
                    cells.add(Cell.code(extraCell));
                }
            }
        }
        Path file = dir.resolve(name);
        notebook.cells(cells).write(file);
        return file;
    }

    @Test
    void theSourceGetsFullMarksTheUntouchedVersionZero() throws Exception {
        assertEquals(0, exitCode);
        assertEquals(7.0, score("warmup"));
        assertEquals(0.0, score("untouched"));
    }

    @Test
    void printingPassedExitingLoopingAndRedefiningAssertionsEarnNothing() throws Exception {
        assertEquals(2.0, score("cheater"), Files.readString(out.resolve("cheater/results.json")));
    }

    @Test
    void aSubmissionWritesOnlyInItsOwnFolderAndCannotReadTheSource() throws Exception {
        assertEquals(4.0, score("snoop"), Files.readString(out.resolve("snoop/results.json")));
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().equals("escaped.txt")), "a kernel wrote outside its folder");
        }
    }

    @Test
    void reportsAreWritten() throws Exception {
        assertTrue(Files.readString(out.resolve("gradebook.csv")).contains("cheater,2.00,7.00,0.00,0.00,0.00,2.00,"));
        assertTrue(Files.readString(out.resolve("summary.txt")).contains("4 submissions, 4 graded"));
        assertTrue(Files.readString(out.resolve("cheater/junit.xml")).contains("<testsuite name=\"cheater\" tests=\"4\" failures=\"3\""));
    }

    @Test
    void withoutAWorkingSandboxGradingRefusesInOneLine() throws Exception {
        Path source = dir.resolve("warmup.ipynb");
        Path refusedOut = dir.resolve("refused");
        var err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        int exit;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exit = VmLab.commandLine().execute("grade", "--source", source.toString(), source.toString(), "--out",
                    refusedOut.toString(), "--bwrap", dir.resolve("no-such-bwrap").toString());
        } finally {
            System.setErr(before);
        }
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, exit, said);
        assertEquals(1, said.strip().lines().count(), said);
        assertTrue(said.contains("refusing to grade without a sandbox") && said.contains("no-such-bwrap")
                && said.contains("--no-sandbox"), said);
        assertFalse(Files.exists(refusedOut.resolve("warmup")), "nothing was graded");
    }

    @Test
    void noSandboxGradesAndEveryReportSaysSo() throws Exception {
        Path source = dir.resolve("warmup.ipynb");
        Path unsandboxed = dir.resolve("unsandboxed");
        assertEquals(0, VmLab.commandLine().execute("grade", "--source", source.toString(), source.toString(), "--out",
                unsandboxed.toString(), "--no-sandbox", "--bwrap", dir.resolve("no-such-bwrap").toString()));
        String results = Files.readString(unsandboxed.resolve("warmup/results.json"));
        assertEquals(7.0, new ObjectMapper().readTree(results).get("score").asDouble(), results);
        assertTrue(results.contains("graded WITHOUT a sandbox (--no-sandbox)"), results);
        assertTrue(Files.readString(unsandboxed.resolve("warmup/junit.xml")).contains("graded WITHOUT a sandbox"));
        assertTrue(Files.readString(unsandboxed.resolve("summary.txt")).startsWith("WARNING: graded WITHOUT a sandbox"));
        List<String> gradebook = Files.readAllLines(unsandboxed.resolve("gradebook.csv"));
        assertTrue(gradebook.get(0).endsWith(",sandboxed") && gradebook.stream().skip(1).allMatch(row -> row.endsWith(",NO")),
                gradebook.toString());
        assertTrue(Files.readAllLines(out.resolve("gradebook.csv")).stream().skip(1).allMatch(row -> row.endsWith(",yes")));
        assertFalse(Files.readString(out.resolve("warmup/results.json")).contains("WITHOUT"), "the sandboxed grading says nothing");
    }

    private static double score(String submission) throws Exception {
        JsonNode results = new ObjectMapper().readTree(out.resolve(submission).resolve("results.json").toFile());
        return results.get("score").asDouble();
    }
}
