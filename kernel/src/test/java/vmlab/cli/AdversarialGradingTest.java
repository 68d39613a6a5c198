package vmlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.grading.Assignment;
import vmlab.grading.BubblewrapSandbox;
import vmlab.grading.GradingBatch;
import vmlab.grading.KernelSession;
import vmlab.grading.StudentVersion;
import vmlab.grading.SubmissionResult;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.net.InetAddress;
import java.net.ServerSocket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A corpus of submissions that try to cheat, break the grader or escape their sandbox, graded in one batch on real kernels in
 * bubblewrap (as {@code vmlab grade} does); each must get exactly the score the honest part of it earns, and nothing may be
 * left behind: no process, no file outside the kernels' own folders. Warm-up is worth 7: q1 2, q2 1, q3 2, q4 2 (partial
 * credit, half a point per case). Most attacks sit in q2's answer, so that getting through would earn q2's point and being
 * stopped costs exactly that point.
 */
class AdversarialGradingTest {

    static final String SQUARE = "long square(long x) { return x * x; }";
    static final String GREET = "String greet(String name) { return \"Hello, \" + name + \"!\"; }";
    static final String FIB = "long fib(int n) { long a = 0, b = 1; for (int i = 0; i < n; i++) { long t = a + b; a = b; b = t; } return a; }";
    static final String SORTED = "int[] sorted(int[] v) { int[] c = v.clone(); Arrays.sort(c); return c; }";

    @TempDir
    static Path dir;
    static Assignment warmup;
    static Map<String, Double> expected = new LinkedHashMap<>();
    static Map<String, SubmissionResult> results = new LinkedHashMap<>();
    static Path out;

    /** Distinguishes this run's stray processes from anyone else's on the machine. */
    static final String MARKER = Long.toString(100_000 + new java.util.Random().nextInt(800_000));
    static ServerSocket listener;
    static int connections;

    @BeforeAll
    static void gradeTheCorpus() throws Exception {
        warmup = Assignment.of(Notebook.parse(new String(AdversarialGradingTest.class.getResourceAsStream("warmup.ipynb")
                .readAllBytes()), "warmup.ipynb"), "warmup");
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread counter = new Thread(() -> {
            while (true) {
                try (var ignored = listener.accept()) {
                    connections++;
                } catch (Exception closed) {
                    return;
                }
            }
        });
        counter.setDaemon(true);
        counter.start();
        Path outside = dir.resolve("outside.txt");
        Path sourceFile = dir.resolve("warmup-source.ipynb");
        warmup.source().write(sourceFile);
        List<Path> files = new ArrayList<>();

        submit(files, "honest", 7, nb -> nb);
        submit(files, "infinite-loop", 5, nb -> answer(nb, "q1-answer", "long square(long x) { while (true) { } }"));
        submit(files, "loop-that-survives-stop", 5, nb -> answer(nb, "q1-answer",
                "long square(long x) { while (true) { try { while (true) { } } catch (Throwable stopped) { } } }"));
        submit(files, "system-exit-in-answer", 6, nb -> answer(nb, "q2-answer",
                "String greet(String name) { System.exit(0); return \"Hello, \" + name + \"!\"; }"));
        submit(files, "system-exit-at-top-level", 7, nb -> added(nb, "q4-answer", "System.exit(3);\nRuntime.getRuntime().halt(3);"));
        submit(files, "deleted-test-cell", 7, nb -> without(nb, "q1-tests"));
        submit(files, "edited-test-cell", 6, nb -> tests(answer(nb, "q2-answer", "String greet(String n) { return \"Hi\"; }"),
                "q2-tests", "assertTrue(true);"));
        submit(files, "redefined-helper", 5, nb -> added(answer(nb, "q1-answer", "long square(long x) { return x + x; }"), "q1-answer",
                "void assertEquals(long a, long b) { }\nvoid assertEquals(Object a, Object b) { }\nvoid fail(String m) { }"));
        submit(files, "fake-passed-output", 4.5, nb -> answer(answer(nb, "q2-answer",
                        "String greet(String n) { System.out.println(\"passed\\nvmlab-verdict:0:passed\"); return \"passed\"; }"),
                "q4-answer", "int[] sorted(int[] v) { System.out.println(\"All tests passed! 2.0\"); return v; }"));
        submit(files, "fake-verdict-string", 6, nb -> added(answer(nb, "q2-answer", "String greet(String n) { return null; }"),
                "q2-answer", "class vmlab { }"));
        submit(files, "reading-and-writing-files", 4, nb -> answer(answer(nb, "q2-answer",
                        "String greet(String name) { try { java.nio.file.Files.readString(java.nio.file.Path.of(\"" + sourceFile
                                + "\")); return \"Hello, \" + name + \"!\"; } catch (Exception denied) { return denied.toString(); } }"),
                "q1-answer", "long square(long x) { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + outside
                        + "\"), \"escaped\"); return x * x; } catch (Exception denied) { return -1; } }"));
        submit(files, "writing-in-its-own-directory", 7, nb -> answer(nb, "q4-answer",
                "int[] sorted(int[] v) { try { var f = java.nio.file.Path.of(\"scratch.txt\");"
                        + " java.nio.file.Files.writeString(f, \"ok\"); java.nio.file.Files.readString(f);"
                        + " int[] c = v.clone(); Arrays.sort(c); return c; } catch (Exception e) { throw new RuntimeException(e); } }"));
        submit(files, "prints-blank-lines", 7, nb -> answer(nb, "q2-answer",
                "String greet(String name) { System.out.println(); return \"Hello, \" + name + \"!\"; }"));
        submit(files, "huge-allocation", 5, nb -> answer(nb, "q3-answer",
                "long fib(int n) { long[][] hog = new long[1 << 20][]; for (int i = 0; i < hog.length; i++) hog[i] = new long[1 << 20]; return 0; }"));
        submit(files, "huge-allocation-at-top-level", 7, nb -> added(nb, "q1-answer",
                "List<long[]> hog = new ArrayList<>();\nwhile (true) hog.add(new long[1 << 20]);"));
        String honestGreeting = "return \"Hello, \" + name + \"!\";";
        submit(files, "reads-another-submission", 6, nb -> answer(nb, "q2-answer", "String greet(String name) { try {"
                + " java.nio.file.Files.readString(java.nio.file.Path.of(\"" + dir.resolve("honest.ipynb") + "\")); "
                + honestGreeting + " } catch (Exception denied) { return denied.toString(); } }"));
        submit(files, "opens-a-socket", 6, nb -> answer(nb, "q2-answer", "String greet(String name) { try (var s = new java.net.Socket()) {"
                + " s.connect(new java.net.InetSocketAddress(\"127.0.0.1\", " + listener.getLocalPort() + "), 1000); "
                + honestGreeting + " } catch (Exception refused) { return refused.toString(); } }"));
        submit(files, "starts-processes", 6, nb -> answer(nb, "q2-answer", "String greet(String name) { try {"
                + " new ProcessBuilder(\"sh\", \"-c\", \"sleep " + MARKER + " &\").start().waitFor();"
                + " var cat = new ProcessBuilder(\"cat\", \"" + sourceFile + "\").start();"
                + " String read = new String(cat.getInputStream().readAllBytes()); cat.waitFor();"
                + " if (read.contains(\"SECRET\")) " + honestGreeting + " return \"nothing to read\";"
                + " } catch (Exception denied) { return denied.toString(); } }"));
        submit(files, "fork-bomb", 6, nb -> answer(nb, "q2-answer", "String greet(String name) { try {"
                + " new ProcessBuilder(\"sh\", \"-c\", \"b() { sleep " + MARKER + " | b & b; }; b\").start();"
                + " Thread.sleep(2000); } catch (Exception e) { } return \"boom\"; }"));
        submit(files, "writes-outside-its-directory", 6, nb -> answer(nb, "q2-answer", "String greet(String name) {"
                + " for (String path : new String[] {\"../escaped.txt\", \"/escaped.txt\", \"" + dir.resolve("escaped.txt") + "\","
                + " System.getProperty(\"java.home\") + \"/escaped.txt\"}) {"
                + " try { java.nio.file.Files.writeString(java.nio.file.Path.of(path), \"out\"); " + honestGreeting + " }"
                + " catch (Exception denied) { } } return \"stayed in\"; }"));
        submit(files, "fills-the-disk", 6, nb -> answer(nb, "q2-answer", "String greet(String name) {"
                + " byte[] block = new byte[1 << 20]; try (var out = java.nio.file.Files.newOutputStream(java.nio.file.Path.of(\"big\"))) {"
                + " while (true) out.write(block); } catch (Exception full) { return full.toString(); } }"));
        submit(files, "fills-tmp", 6, nb -> answer(nb, "q2-answer", "String greet(String name) {"
                + " byte[] block = new byte[1 << 20]; try (var out = java.nio.file.Files.newOutputStream(java.nio.file.Path.of(\"/tmp/big\"))) {"
                + " while (true) out.write(block); } catch (Exception full) { return full.toString(); } }"));
        submit(files, "ten-thousand-threads", 6, nb -> answer(nb, "q2-answer", "String greet(String name) {"
                + " for (int i = 0; i < 10_000; i++) { Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); }"
                + " catch (InterruptedException e) { } }); t.setDaemon(true); t.start(); } " + honestGreeting + " }"));
        submit(files, "hangs-in-a-static-initializer", 6, nb -> added(answer(nb, "q2-answer",
                "String greet(String name) { return Stuck.VALUE + name; }"), "q1-answer",
                "class Stuck { static String VALUE; static { while (VALUE == null) { } } }"));
        Path wrong = dir.resolve("other-assignment.ipynb");
        Notebook other = StudentVersion.of(warmup);
        other.metadata().with("vmlab").put("assignment", "week-9");
        other.write(wrong);
        files.add(wrong);
        expected.put("other-assignment", 0.0);
        Path malformed = dir.resolve("malformed.ipynb");
        Files.writeString(malformed, "{\"nbformat\": 4, \"cells\": [");
        files.add(malformed);
        expected.put("malformed", 0.0);
        submit(files, "missing-grade-id", 0, nb -> {
            nb.cells().get(3).metadata().with("nbgrader").remove("grade_id");
            return nb;
        });

        out = dir.resolve("out");
        KernelSession.Launcher kernels = KernelSession.sandboxed(GradeCommand.classpath(), VmLab.class.getName(),
                BubblewrapSandbox.at(BubblewrapSandbox.defaultBwrap()));
        GradingBatch.run(warmup, files, out, kernels.withClassDataSharing(Files.createDirectories(dir.resolve("cds"))), 2,
                        Duration.ofSeconds(10))
                .forEach(result -> results.put(result.submission(), result));
        listener.close();
        assertFalse(Files.exists(outside), "a submission wrote outside its working directory");
    }

    @Test
    void nothingIsLeftBehindNoProcessNoFileNoConnection() throws Exception {
        for (int i = 0; i < 50 && ProcessHandle.current().descendants().findAny().isPresent(); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse("?")).toList(),
                "processes outlived their kernels");
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(MARKER))
                .map(p -> p.info().commandLine().orElse("?")).toList(), "a submission's background process escaped");
        try (var files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(f -> List.of("escaped.txt", "big", "scratch.txt").contains(f.getFileName().toString()))
                    .toList(), "a submission left files on the grader's disk");
        }
        assertFalse(Files.exists(Path.of(System.getProperty("java.home"), "escaped.txt")));
        assertEquals(0, connections, "a submission reached the grader's network");
    }

    @Test
    void everySubmissionGetsExactlyWhatItsHonestPartEarns() {
        Map<String, Double> scores = new LinkedHashMap<>();
        results.forEach((name, result) -> scores.put(name, result.score()));
        // The mismatches first, whole: CI shows only part of a long failure message.
        assertEquals(expected, scores, () -> results.values().stream()
                .filter(result -> !Objects.equals(expected.get(result.submission()), result.score()))
                .map(Object::toString).reduce("mismatched:", (a, b) -> a + "\n" + b));
    }

    @Test
    void unusableSubmissionsGetAClearErrorAndTheBatchGoesOn() {
        assertTrue(results.get("other-assignment").error().orElseThrow().contains("'week-9'"));
        assertTrue(results.get("malformed").error().orElseThrow().contains("malformed.ipynb:1:"));
        assertTrue(results.get("missing-grade-id").error().orElseThrow().contains("cell 4")
                && results.get("missing-grade-id").error().orElseThrow().contains("grade_id"));
        assertEquals(7.0, results.get("honest").score(), "submissions after the broken ones were graded");
    }

    @Test
    void aSubmissionThatLeavesThousandsOfThreadsGetsAFreshKernelForItsNextCells() {
        SubmissionResult result = results.get("ten-thousand-threads");
        assertTrue(result.notes().stream().anyMatch(note -> note.contains("restarted")), result.notes().toString());
        assertEquals(2.0, result.score("q3-tests"), "q3's hidden test needs a thread of its own");
    }

    @Test
    void aCellThatFillsTheHeapIsDroppedAndTheLaterAnswersRunInAFreshKernel() {
        SubmissionResult result = results.get("huge-allocation-at-top-level");
        assertTrue(result.notes().stream().anyMatch(note -> note.contains("ran out of memory")), result.notes().toString());
        assertEquals(2.0, result.score("q4-tests"), "q4's answer comes after the hog and must still be defined");
    }

    @Test
    void aLoopThatCatchesTheStopIsStoppedOrItsKernelKilledAndTheRestStillGraded() {
        // The woven checks throw again at its next loop turn, on every JDK, so catching the stop does not save it (had it
        // survived, the cell would time out and its kernel be killed; a fresh one replays the cells that succeeded).
        SubmissionResult result = results.get("loop-that-survives-stop");
        assertEquals(0.0, result.score("q1-tests"));
        assertEquals(2.0, result.score("q4-tests"));
    }

    @Test
    void gradescopeResultsShowThatAHiddenTestFailedButNeverItsSource() throws Exception {
        JsonNode results = new ObjectMapper().readTree(out.resolve("redefined-helper/results.json").toFile());
        assertEquals(5.0, results.get("score").asDouble());
        JsonNode q1 = results.get("tests").get(0);
        assertEquals("q1-tests", q1.get("name").asText());
        assertEquals("failed", q1.get("status").asText());
        assertEquals(0.0, q1.get("score").asDouble());
        assertEquals(2.0, q1.get("max_score").asDouble());
        assertEquals("after_published", q1.get("visibility").asText());
        for (String name : List.of("honest", "redefined-helper", "huge-allocation")) {
            String json = Files.readString(out.resolve(name).resolve("results.json"));
            assertFalse(json.contains("SECRET") || json.contains("1_000_000") || json.contains("fib(80)"), json);
        }
        String hugeAllocation = Files.readString(out.resolve("huge-allocation/results.json"));
        assertTrue(hugeAllocation.contains("A hidden test failed") || hugeAllocation.contains("A test failed"), hugeAllocation);
    }

    @Test
    void gradebookJunitXmlAndSummaryAreWritten() throws Exception {
        List<String> gradebook = Files.readAllLines(out.resolve("gradebook.csv"));
        assertEquals("submission,score,max_score,q1-tests,q2-tests,q3-tests,q4-tests,error", gradebook.get(0));
        assertTrue(gradebook.contains("fake-passed-output,4.50,7.00,2.00,0.00,2.00,0.50,"), gradebook.toString());
        String xml = Files.readString(out.resolve("infinite-loop/junit.xml"));
        assertTrue(xml.contains("tests=\"4\" failures=\"1\""), xml);
        assertTrue(xml.contains("type=\"TIMED_OUT\""), xml);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("27 submissions, 24 graded, 3 could not be graded"), summary);
    }

    private static void submit(List<Path> files, String name, double score, UnaryOperator<Notebook> edit) {
        Notebook honest = StudentVersion.of(warmup);
        answer(honest, "q1-answer", SQUARE);
        answer(honest, "q2-answer", GREET);
        answer(honest, "q3-answer", FIB);
        answer(honest, "q4-answer", SORTED);
        Path file = dir.resolve(name + ".ipynb");
        edit.apply(honest).write(file);
        files.add(file);
        expected.put(name, score);
    }

    static Notebook answer(Notebook notebook, String gradeId, String code) {
        cell(notebook, gradeId).source(code);
        return notebook;
    }

    static Notebook tests(Notebook notebook, String gradeId, String code) {
        cell(notebook, gradeId).source(code);
        return notebook;
    }

    static Notebook added(Notebook notebook, String afterGradeId, String code) {
        List<Cell> cells = new ArrayList<>(notebook.cells());
        cells.add(cells.indexOf(cells.stream().filter(c -> gradeId(c).equals(afterGradeId)).findFirst().orElseThrow()) + 1,
                Cell.code(code));
        return notebook.cells(cells);
    }

    static Notebook without(Notebook notebook, String gradeId) {
        return notebook.cells(notebook.cells().stream().filter(c -> !gradeId(c).equals(gradeId)).toList());
    }

    private static Cell cell(Notebook notebook, String gradeId) {
        return notebook.cells().stream().filter(c -> gradeId(c).equals(gradeId)).findFirst().orElseThrow();
    }

    private static String gradeId(Cell cell) {
        return cell.metadata().path("nbgrader").path("grade_id").asText("");
    }
}
