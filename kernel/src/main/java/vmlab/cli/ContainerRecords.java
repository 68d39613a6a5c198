package vmlab.cli;

import vmlab.filesystem.AtomicFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import vmlab.container.Container;
import vmlab.container.ContainerException;
import vmlab.os.FileTree;
import vmlab.os.VfsException;

/**
 * What the {@code vmlab container} commands remember between invocations: the lab has no daemon, so each command boots
 * its own host kernel, and a container's record (its state, exit status, logs, inspect output) and its upper layer are
 * kept in a state folder, {@code ~/.vmlab/containers} unless {@code --state} says otherwise. Files are written
 * atomically (temp file, fsync, rename).
 */
final class ContainerRecords {
    /** One remembered container. */
    record Entry(String id, String name, String image, List<String> command, String status, int exitCode,
                 String endReason, String hostname, String created, String logs, String inspect) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path folder;

    ContainerRecords(Path folder) {
        this.folder = folder;
    }

    static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".vmlab", "containers");
    }

    /**
     * Keeps a container: its upper layer first, then its record, written atomically, as the commit point: a command
     * interrupted before the record leaves a folder that {@link #all()} ignores, never a record without its files. Under
     * the state folder's lock, so that two commands cannot both keep a container of the same name.
     */
    void save(Container c, String inspect) throws IOException {
        Entry e = new Entry(c.id(), c.name(), c.image().reference(), c.commandLine(), c.status(), c.exitCode(),
                c.endReason(), c.hostname(), c.created().toString(), c.logs(), inspect);
        Files.createDirectories(folder);
        try (FileChannel lock = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            refuseNameInUse(c.name());
            Path dir = Files.createDirectories(folder.resolve(c.id()));
            Path upper = Files.createDirectories(dir.resolve("upper"));
            try {
                saveTree(c.upperLayer(), "", upper);
            } catch (VfsException ex) {
                throw new IOException("cannot save the upper layer of " + c.name() + ": " + ex.getMessage(), ex);
            }
            AtomicFile.write(dir.resolve("record.json"), JSON.writeValueAsBytes(e));
        }
    }

    /** The names of the kept containers. */
    List<String> names() throws IOException {
        return all().stream().map(Entry::name).toList();
    }

    /** Docker's refusal (125) when a kept container already has this name. */
    void refuseNameInUse(String name) throws IOException {
        for (Entry other : all()) {
            if (other.name().equals(name)) {
                throw new ContainerException(ContainerException.DAEMON, "Conflict. The container name \"/" + name
                        + "\" is already in use by container \"" + other.id() + "\". You have to remove (or rename) "
                        + "that container to be able to reuse that name.");
            }
        }
    }

    private static void saveTree(FileTree tree, String path, Path into) throws VfsException, IOException {
        for (String name : tree.list(path)) {
            String child = FileTree.join(path, name);
            Path target = into.resolve(name);
            if (tree.kind(child) == FileTree.Kind.DIRECTORY) {
                saveTree(tree, child, Files.createDirectories(target));
            } else {
                AtomicFile.write(target, tree.readAll(child, 64 << 20));
            }
        }
    }


    List<Entry> all() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.sorted().toList()) {
                Path record = dir.resolve("record.json");
                if (Files.isRegularFile(record)) {
                    try {
                        entries.add(JSON.readValue(record.toFile(), Entry.class));
                    } catch (IOException e) {
                        System.err.println("vmlab container: ignoring a damaged record " + record + ": "
                                + e.getMessage());
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::created).reversed());
        return entries;
    }

    /** The record with this name, full id or id prefix; Docker's message if there is none. */
    Entry find(String nameOrId) throws IOException {
        List<Entry> all = all();
        List<Entry> matches = all.stream().filter(e -> e.name().equals(nameOrId) || e.id().equals(nameOrId)).toList();
        if (matches.isEmpty()) {
            matches = all.stream().filter(e -> e.id().startsWith(nameOrId)).toList();
        }
        if (matches.size() > 1) {
            throw new ContainerException(1, "Error response from daemon: multiple IDs found with provided prefix: "
                    + nameOrId);
        }
        if (matches.isEmpty()) {
            throw new ContainerException(1, "Error response from daemon: No such container: " + nameOrId);
        }
        return matches.get(0);
    }

    Path upperLayer(Entry e) {
        return folder.resolve(e.id()).resolve("upper");
    }

    void remove(Entry e) throws IOException {
        Path dir = folder.resolve(e.id());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
