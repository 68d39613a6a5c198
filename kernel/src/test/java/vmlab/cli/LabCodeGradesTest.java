package vmlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.grading.NbgraderMetadata;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Exercises about the lab itself must be gradable: a notebook whose test cells use every lab API a lesson uses (the guest
 * corpus, each engine including the block compiler, the assembler, {@code LabChecks}, time-sharing, charts, and
 * {@code qemu-riscv32}) gets full marks when {@code vmlab grade} grades it against itself, in the sandbox. Under the old
 * SecurityManager sandbox the corpus looked empty and the block compiler failed to initialize, so such cells scored zero.
 */
class LabCodeGradesTest {

    @TempDir
    Path dir;

    @Test
    void aNotebookUsingEveryLabApiGetsFullMarksAgainstItselfInTheSandbox() throws Exception {
        Path source = dir.resolve("lab-apis.ipynb");
        notebook().write(source);
        Path out = dir.resolve("graded");

        int exit = VmLab.commandLine().execute("grade", "--source", source.toString(), source.toString(), "--out", out.toString(),
                "--timeout", "120", "--parallel", "1");

        String results = Files.readString(out.resolve("lab-apis/results.json"));
        assertEquals(0, exit, results);
        JsonNode json = new ObjectMapper().readTree(results);
        assertEquals(8, json.get("tests").size(), results);
        for (JsonNode test : json.get("tests")) {
            assertEquals("passed", test.get("status").asText(), test.get("name").asText() + ": " + test.get("output").asText());
        }
        assertEquals(8.0, json.get("score").asDouble(), results);
        assertFalse(results.contains("WITHOUT a sandbox"), results);
    }

    static Notebook notebook() {
        Notebook notebook = Notebook.create();
        notebook.add(Cell.code("import static org.junit.jupiter.api.Assertions.*;"));
        exercise(notebook, "corpus", """
                String greeting() {
                    // BEGIN SOLUTION
                    return Lab.machine().load(Guest.program("hello")).run().output();
                    // END SOLUTION
                }""", """
                assertEquals("Hello from RISC-V!\\n", greeting());
                assertTrue(Guest.programs().containsAll(List.of("hello", "fib", "matmul")), Guest.programs().toString());""");
        exercise(notebook, "engines", """
                String fibOn(Engine engine) {
                    // BEGIN SOLUTION
                    var machine = Lab.machine().load(Guest.program("fib"), "20").engine(engine).run();
                    return machine.output() + " in " + machine.instructions();
                    // END SOLUTION
                }""", """
                String reference = fibOn(new ReferenceInterpreter());
                assertTrue(reference.contains("6765"), reference);
                assertEquals(reference, fibOn(new FastInterpreter()));
                assertEquals(reference, fibOn(new BlockCompiler()));""");
        exercise(notebook, "assembler", """
                int sumTo(int n) {
                    // BEGIN SOLUTION
                    var program = Assembler.assemble("_start:\\n li a0, 0\\n li t0, 1\\n li t1, " + (n + 1)
                            + "\\n1: add a0, a0, t0\\n addi t0, t0, 1\\n bne t0, t1, 1b\\n li t6, 0x100000\\n li t5, 0x5555\\n sw t5, 0(t6)\\n");
                    return Lab.machine(1).load(program.image()).run().reg("a0");
                    // END SOLUTION
                }""", """
                assertEquals(55, sumTo(10));
                assertTrue(Assembler.assemble("add a0, a1, a2").disassembly().contains("add"));""");
        exercise(notebook, "lab-checks", """
                String multiply = \"""
                        # BEGIN SOLUTION
                        mul a0, a0, a1
                        # END SOLUTION
                        \""";""", """
                LabChecks.assertAssemblyComputes("li a0, 6\\nli a1, 7\\n" + multiply, "a0", 42);
                LabChecks.assertGuestPrints("Hello from RISC-V!\\n", "hello");""");
        exercise(notebook, "time-sharing", """
                long finished(int users) {
                    // BEGIN SOLUTION
                    return Lab.timeSharing().users(users).seed(7).run(Duration.ofSeconds(20)).jobsFinished();
                    // END SOLUTION
                }""", """
                assertTrue(finished(2) > 0);
                assertEquals(2, Lab.timeSharing().users(2).seed(7).run(Duration.ofSeconds(20)).bills().rowCount());""");
        exercise(notebook, "charts", """
                byte[] chart() {
                    // BEGIN SOLUTION
                    var table = Table.create("t").addColumns(DoubleColumn.create("x", new double[] {1, 2, 3}),
                            DoubleColumn.create("y", new double[] {1, 4, 9}));
                    return Charts.lines(table, "x", "y").title("squares").png();
                    // END SOLUTION
                }""", """
                byte[] png = chart();
                assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of " + png.length + " bytes");""");
        exercise(notebook, "qemu", """
                String onQemu(String program, String... args) throws Exception {
                    // BEGIN SOLUTION
                    Path elf = Files.createTempFile(program, ".elf");
                    try (var in = Guest.class.getResourceAsStream("/vmlab/guest/" + program + ".elf")) {
                        Files.copy(in, elf, StandardCopyOption.REPLACE_EXISTING);
                    }
                    elf.toFile().setExecutable(true);
                    var command = new ArrayList<>(List.of("/usr/bin/qemu-riscv32", elf.toString()));
                    command.addAll(List.of(args));
                    var qemu = new ProcessBuilder(command).redirectErrorStream(true).start();
                    String printed = new String(qemu.getInputStream().readAllBytes());
                    return qemu.waitFor() == 0 ? printed : "exit " + qemu.exitValue() + ": " + printed;
                    // END SOLUTION
                }""", """
                assertEquals(Lab.machine().load(Guest.program("fib"), "15").run().output(), onQemu("fib", "15"));""");
        exercise(notebook, "workdir", """
                String roundTrip(String text) throws Exception {
                    // BEGIN SOLUTION
                    Files.writeString(Path.of("notes.txt"), text);
                    return Files.readString(Path.of("notes.txt"));
                    // END SOLUTION
                }""", """
                assertEquals("kept", roundTrip("kept"));""");
        return notebook;
    }

    private static void exercise(Notebook notebook, String id, String answer, String tests) {
        Cell answerCell = Cell.code(answer);
        NbgraderMetadata.answer(id + "-answer").writeTo(answerCell);
        notebook.add(answerCell);
        Cell testCell = Cell.code(tests);
        NbgraderMetadata.tests(id + "-tests", 1).writeTo(testCell);
        notebook.add(testCell);
    }
}
