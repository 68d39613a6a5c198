package vmlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.os.GuestCorpus;

/**
 * Guest programs for a notebook cell: the course's corpus, shipped inside the jar, or any ELF on disk.
 * <pre>
 * var m = Lab.machine();
 * m.load(Guest.program("fib"));
 * m.run();
 * </pre>
 */
public final class Guest {
    private static final String CORPUS = "/vmlab/guest/";

    private Guest() {
    }

    /** A program of the course's corpus by name ("fib", "hello", ...). */
    public static Elf program(String name) {
        return GuestCorpus.program(name);
    }

    /** An RV32 ELF file from disk. */
    public static Elf elf(String path) {
        try {
            return ElfLoader.load(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The names of the corpus programs, sorted. */
    public static List<String> programs() {
        return GuestCorpus.names();
    }
}
