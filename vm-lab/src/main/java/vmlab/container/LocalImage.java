package vmlab.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vmlab.os.FileTree;
import vmlab.os.GuestCorpus;
import vmlab.os.HostFolder;
import vmlab.os.MemoryTree;
import vmlab.os.VfsException;

/**
 * The simplest image: a list of layers that are folders on the host (or trees in memory) and a config. Folders are
 * mounted read-only, so running the image can never change them.
 * <pre>
 * ImageSource web = LocalImage.of("web:1", ImageConfig.command("/bin/hello"), Path.of("layers/base"), Path.of("layers/app"));
 * </pre>
 */
public final class LocalImage implements ImageSource {
    private final String reference;
    private final List<FileTree> layers;
    private final ImageConfig config;

    private LocalImage(String reference, List<FileTree> layers, ImageConfig config) {
        this.reference = normalize(reference);
        this.layers = List.copyOf(layers);
        this.config = config;
    }

    /** "name" means "name:latest", as in Docker. */
    static String normalize(String reference) {
        if (reference == null || !reference.matches("[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_.-]{1,128})?")) {
            throw new ContainerException(ContainerException.DAEMON, "invalid reference format: '" + reference
                    + "' (lowercase name, optional :tag)");
        }
        return reference.contains(":") ? reference : reference + ":latest";
    }

    /** An image whose layers are host folders, bottom first. */
    public static LocalImage of(String reference, ImageConfig config, Path... layerFolders) {
        List<FileTree> trees = new ArrayList<>();
        for (Path folder : layerFolders) {
            if (!Files.isDirectory(folder)) {
                throw new ContainerException(ContainerException.DAEMON, "layer " + folder + " is not a folder");
            }
            trees.add(new HostFolder(folder, true));
        }
        return new LocalImage(reference, trees, config);
    }

    /** An image whose layers are given trees, bottom first. */
    public static LocalImage of(String reference, ImageConfig config, List<? extends FileTree> layers) {
        return new LocalImage(reference, new ArrayList<>(layers), config);
    }

    /** This image with one more layer on top and another name (what a Dockerfile's COPY or RUN adds). */
    public LocalImage withLayer(String newReference, FileTree layer, ImageConfig newConfig) {
        List<FileTree> more = new ArrayList<>(layers);
        more.add(layer);
        return new LocalImage(newReference, more, newConfig == null ? config : newConfig);
    }

    /** "corpus:latest": the course's guest programs in /bin, running {@code hello} by default. */
    public static LocalImage corpus() {
        MemoryTree layer = new MemoryTree(64L << 20);
        try {
            layer.makeDirectory("bin");
            layer.makeDirectory("etc");
            layer.writeAll("etc/motd", "Welcome to a container of VM Lab.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String name : GuestCorpus.names()) {
                layer.writeAll("bin/" + name, GuestCorpus.bytes(name));
            }
        } catch (VfsException e) {
            throw new UncheckedIOException(new IOException("cannot build the corpus image: " + e.getMessage(), e));
        }
        return new LocalImage("corpus:latest", List.of(layer), ImageConfig.command("hello"));
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public List<FileTree> layers() {
        return layers;
    }

    @Override
    public ImageConfig config() {
        return config;
    }

    @Override
    public long size() {
        long total = 0;
        for (FileTree layer : layers) {
            if (layer instanceof MemoryTree m) {
                total += m.used();
            } else {
                return -1;
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return reference + " (" + layers.size() + " layer" + (layers.size() == 1 ? "" : "s") + ", runs "
                + String.join(" ", config.commandLine(List.of())) + ")";
    }
}
