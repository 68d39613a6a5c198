package vmlab.timesharing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;

/** The guest corpus ELFs (built from vm-lab/guest, shipped as resources), parsed once each. */
final class CorpusPrograms {
    static final String[] NAMES = {"atomics", "crc32", "fib", "hello", "loop", "matmul", "mixed", "quicksort", "sieve",
            "strings", "syscalls"};
    private static final Map<String, Elf> CACHE = new ConcurrentHashMap<>();

    private CorpusPrograms() {
    }

    static Elf elf(String name) {
        return CACHE.computeIfAbsent(name, CorpusPrograms::read);
    }

    private static Elf read(String name) {
        try (InputStream in = CorpusPrograms.class.getResourceAsStream("/vmlab/guest/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus program '" + name + "'; there are "
                        + String.join(", ", NAMES));
            }
            return ElfLoader.parse(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read corpus program " + name, e);
        }
    }
}
