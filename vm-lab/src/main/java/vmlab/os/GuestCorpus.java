package vmlab.os;

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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;

/**
 * The course's guest programs: static Linux RV32 ELFs built from {@code vm-lab/guest/programs} and shipped in the jar.
 * They live with the host OS because they are its user programs; every layer above (time-sharing, containers,
 * hypervisors, benchmarks, the lab) takes them from here.
 */
public final class GuestCorpus {
    private static final String FOLDER = "/vmlab/guest/";
    /** The jar's bytes, read once per program; each caller still gets an ELF of its own, since segments are mutable arrays. */
    private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();

    private GuestCorpus() {
    }

    /** A corpus program by name ("fib", "hello", ...), parsed afresh. */
    public static Elf program(String name) {
        if (name == null || !name.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a guest program name; the corpus has " + names());
        }
        byte[] bytes = BYTES.computeIfAbsent(name, GuestCorpus::read);
        if (bytes.length == 0) {
            BYTES.remove(name);
            throw new IllegalArgumentException("no guest program '" + name + "'; the corpus has " + names());
        }
        return ElfLoader.parse(bytes, name + ".elf");
    }

    /** The ELF file's bytes of a corpus program (a copy), e.g. to put it into a container image. */
    public static byte[] bytes(String name) {
        program(name); // checks the name and fills the cache
        return BYTES.get(name).clone();
    }

    private static byte[] read(String name) {
        try (InputStream in = GuestCorpus.class.getResourceAsStream(FOLDER + name + ".elf")) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read guest program " + name, e);
        }
    }

    /** The corpus programs' names, sorted, from every class-path entry that has a corpus folder. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        try {
            var urls = GuestCorpus.class.getClassLoader().getResources(FOLDER.substring(1));
            while (urls.hasMoreElements()) {
                URI uri = urls.nextElement().toURI();
                if (uri.getScheme().equals("jar")) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.getFileSystem(uri);
                    } catch (FileSystemNotFoundException e) {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    }
                    names.addAll(elfNames(fs.getPath(FOLDER)));
                } else if (uri.getScheme().equals("file")) {
                    names.addAll(elfNames(Path.of(uri)));
                }
            }
        } catch (IOException | URISyntaxException e) {
            // an unreadable class-path entry lists nothing; the others still count
        }
        return List.copyOf(names);
    }

    private static List<String> elfNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".elf"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }
}
