package vmlab.guest;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Our emulator through its command line, `java -jar vmlab.jar emu [--bare] PROGRAM.elf [ARGS]`, as a user would run it. */
final class VmlabEmu implements GuestRunner {
    /**
     * Generous: a guest run is a JVM start plus well under a second of work, but a loaded 2-core CI machine can stretch
     * a JVM start to tens of seconds. A guest that never ends is stopped by its own instruction budget long before this.
     */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path jar;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    VmlabEmu() {
        jar = GuestCorpus.root().resolve("kernel/target/vmlab.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: these tests run after `mvn package` (they are failsafe integration tests)");
        }
    }

    @Override
    public GuestRun run(Path elf, List<String> args, byte[] stdin, Path labDir) {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "emu", elf.toString()));
        command.addAll(args);
        return HostProcess.run(command, stdin, labDir, TIMEOUT);
    }

    /** Runs a bare-metal ELF in M-mode (`--bare`), stopping it after maxInstructions. */
    GuestRun runBare(Path elf, long maxInstructions, Path workDir) {
        List<String> command = List.of(java, "-jar", jar.toString(), "emu", "--bare", "--max-instructions",
                Long.toString(maxInstructions), elf.toString());
        return HostProcess.run(command, new byte[0], workDir, TIMEOUT);
    }

    @Override
    public String name() {
        return "vmlab emu";
    }
}
