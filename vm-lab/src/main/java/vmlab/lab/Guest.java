package vmlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;

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
        try (InputStream in = Guest.class.getResourceAsStream(CORPUS + name + ".elf")) {
            if (in == null) {
                throw new IllegalArgumentException("no guest program '" + name + "'; the corpus has " + programs());
            }
            return ElfLoader.parse(in.readAllBytes(), name + ".elf");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read guest program " + name, e);
        }
    }

    /** An RV32 ELF file from disk. */
    public static Elf elf(String path) {
        try {
            return ElfLoader.load(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The names of the corpus programs, sorted (from every class-path entry that has a corpus directory). */
    public static List<String> programs() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        try {
            var urls = Guest.class.getClassLoader().getResources(CORPUS.substring(1));
            while (urls.hasMoreElements()) {
                URI uri = urls.nextElement().toURI();
                if (uri.getScheme().equals("jar")) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.getFileSystem(uri);
                    } catch (FileSystemNotFoundException e) {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    }
                    names.addAll(names(fs.getPath(CORPUS)));
                } else if (uri.getScheme().equals("file")) {
                    names.addAll(names(Path.of(uri)));
                }
            }
        } catch (IOException | URISyntaxException e) {
            // an unreadable class-path entry lists nothing; the others still count
        }
        return List.copyOf(names);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".elf"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }
}
