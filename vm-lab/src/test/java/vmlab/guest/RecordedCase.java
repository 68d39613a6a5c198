package vmlab.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;

/**
 * A case of vm-lab/guest/cases.txt: a corpus program, its arguments and stdin, and the exit status and stdout that
 * qemu-riscv32 gave for it (vm-lab/guest/expected/, kept honest against qemu by the kernel's CorpusUnderQemuIT).
 */
record RecordedCase(String name, String program, List<String> args, byte[] stdin, int exitStatus, String stdout) {

    static List<RecordedCase> all() {
        return all("cases.txt");
    }

    /** The cases of another list in vm-lab/guest with the same format (kernel-cases.txt). */
    static List<RecordedCase> all(String list) {
        Path guest = guestSources();
        try {
            List<RecordedCase> cases = new ArrayList<>();
            for (String line : Files.readAllLines(guest.resolve(list))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.strip().split("\\s+");
                Path stdinFile = guest.resolve("expected/" + words[0] + ".stdin");
                List<String> recorded = Files.readAllLines(guest.resolve("expected/" + words[0] + ".out"));
                cases.add(new RecordedCase(words[0], words[1], List.copyOf(Arrays.asList(words).subList(2, words.length)),
                        Files.exists(stdinFile) ? Files.readAllBytes(stdinFile) : new byte[0],
                        Integer.parseInt(recorded.get(0).substring("exit ".length())),
                        String.join("\n", recorded.subList(1, recorded.size()))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** vm-lab/guest, found from the module directory (where Maven runs the tests) or the repository root. */
    static Path guestSources() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("guest"), dir.resolve("vm-lab/guest"))) {
                if (Files.isRegularFile(candidate.resolve("cases.txt"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("vm-lab/guest/cases.txt not found above " + Path.of("").toAbsolutePath());
    }

    /** A committed corpus ELF, read from the classpath as the lessons read it. */
    static Elf resource(String path) {
        try (InputStream in = RecordedCase.class.getResourceAsStream("/vmlab/guest/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no resource vmlab/guest/" + path + ": run make in vm-lab/guest");
            }
            return ElfLoader.parse(in.readAllBytes(), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the process sees as argv: the program name, then the arguments. */
    List<String> argv() {
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(args);
        return argv;
    }

    @Override
    public String toString() {
        return name + ": " + String.join(" ", argv());
    }
}
