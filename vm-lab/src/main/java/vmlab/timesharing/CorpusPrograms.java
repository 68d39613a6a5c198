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

    /**
     * Reads the ELF with this library's own rights: under the grading sandbox a cell's code may not open the jar, and a
     * resource lookup on its behalf would quietly find nothing. Only the fixed corpus path is read this way.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static byte[] resource(String name) throws IOException {
        try {
            return java.security.AccessController.doPrivileged(
                    (java.security.PrivilegedExceptionAction<byte[]>) () -> {
                        try (InputStream in = CorpusPrograms.class.getResourceAsStream("/vmlab/guest/" + name + ".elf")) {
                            return in == null ? null : in.readAllBytes();
                        }
                    });
        } catch (java.security.PrivilegedActionException e) {
            throw (IOException) e.getException();
        }
    }

    private static Elf read(String name) {
        if (!name.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a corpus program name; there are "
                    + String.join(", ", NAMES));
        }
        try {
            byte[] bytes = resource(name);
            if (bytes == null) {
                throw new IllegalArgumentException("no corpus program '" + name + "'; there are "
                        + String.join(", ", NAMES));
            }
            return ElfLoader.parse(bytes, name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read corpus program " + name, e);
        }
    }
}
