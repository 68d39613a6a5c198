package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The official riscv-tests (rv32 ui, um, ua, mi, si; "p" environment) built with Debian's cross-compiler by
 * {@code vm-lab/guest/riscv-tests/Makefile} and run through {@code vmlab emu --bare} on all three engines: each must pass
 * (write 1 to tohost). Skipped where the suite's sources ({@code RISCV_TESTS}, or {@code shared/riscv-tests} next to the
 * repository) or the cross-compiler are missing, except in CI ({@code CI=true}), where that fails.
 */
class OfficialRiscvTestsTest {

    static Path sources() {
        String configured = System.getenv("RISCV_TESTS");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        Path root = Path.of("").toAbsolutePath().getParent(); // the module's parent: the repository
        candidates.add(root.resolve("../shared/riscv-tests"));
        candidates.add(root.resolve("../../shared/riscv-tests"));
        candidates.add(Path.of("/work/shared/riscv-tests"));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("isa/rv32ui"))).findFirst().orElse(null);
    }

    static boolean hasCrossCompiler() {
        try {
            Process p = new ProcessBuilder("riscv64-unknown-elf-gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Skips the test on a developer's machine without the suite; fails it in CI, which must have it. */
    private static void needed(boolean present, String missing) {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, missing + ", and CI must run the official riscv-tests");
        }
        assumeTrue(present, missing);
    }

    static List<Path> build() throws IOException, InterruptedException {
        Path src = sources();
        needed(src != null, "the riscv-tests sources are not here (set RISCV_TESTS)");
        needed(hasCrossCompiler(), "riscv64-unknown-elf-gcc is not installed (Debian: gcc-riscv64-unknown-elf)");
        Path makefile = Path.of("").toAbsolutePath().getParent().resolve("vm-lab/guest/riscv-tests");
        Path out = Path.of("target/riscv-tests").toAbsolutePath();
        Process make = new ProcessBuilder("make", "-s", "-C", makefile.toString(), "RISCV_TESTS=" + src.toAbsolutePath(),
                "OUT=" + out).redirectErrorStream(true).start();
        String log = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(10, TimeUnit.MINUTES), "make did not finish");
        assertEquals(0, make.exitValue(), log);
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().startsWith("rv32")).sorted().toList();
        }
    }

    @Test
    void everyRv32UiUmUaMiSiTestPassesOnEveryEngine() throws IOException, InterruptedException {
        List<Path> tests = build();
        assertEquals(82, tests.size(), "42 ui + 8 um + 10 ua + 16 mi + 6 si: " + tests);
        List<String> failures = new ArrayList<>();
        PrintStream savedOut = System.out, savedErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String engine : List.of("reference", "fast", "compiler")) {
                for (Path test : tests) {
                    captured.reset();
                    int status = VmLab.commandLine().execute("emu", "--bare", "--engine", engine,
                            "--max-instructions", "10000000", test.toString());
                    if (status != 0) {
                        failures.add(engine + " " + test.getFileName() + " -> " + status + ": "
                                + captured.toString(StandardCharsets.UTF_8).strip());
                    }
                }
            }
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed:\n" + String.join("\n", failures));
    }
}
