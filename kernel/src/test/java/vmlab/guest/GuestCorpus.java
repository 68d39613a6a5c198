package vmlab.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Where the guest programs live in the source tree: sources and Makefile, the committed ELFs, and the corpus cases. */
final class GuestCorpus {
    private GuestCorpus() {
    }

    /** The repository root: the nearest directory above the working directory that holds vm-lab/guest/Makefile. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("vm-lab/guest/Makefile"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no vm-lab/guest/Makefile above " + Path.of("").toAbsolutePath());
    }

    static Path sources() {
        return root().resolve("vm-lab/guest");
    }

    /** The committed ELFs: user programs here, bare-metal tests in bare/. */
    static Path elfs() {
        return root().resolve("vm-lab/src/main/resources/vmlab/guest");
    }

    static Path elf(String program) {
        return elfs().resolve(program + ".elf");
    }

    static List<Path> bareTests() {
        return listElfs(elfs().resolve("bare"));
    }

    /** Every committed ELF, user and bare, relative to elfs(). */
    static List<Path> committedElfs() {
        try (Stream<Path> files = Files.walk(elfs())) {
            return files.filter(f -> f.toString().endsWith(".elf")).map(f -> elfs().relativize(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of vm-lab/guest/cases.txt with their recorded qemu output. */
    static List<CorpusCase> cases() {
        try {
            List<CorpusCase> cases = new ArrayList<>();
            for (String line : Files.readAllLines(sources().resolve("cases.txt"))) {
                String[] words = line.strip().split("\\s+");
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                cases.add(CorpusCase.read(words[0], words[1], Arrays.asList(words).subList(2, words.length),
                        sources().resolve("expected")));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listElfs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".elf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
