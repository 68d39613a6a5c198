package vmlab.container;

import vmlab.filesystem.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import vmlab.os.FileTree;
import vmlab.os.MemoryTree;
import vmlab.os.VfsException;

/**
 * {@code docker build} for the lab: reads a {@link Dockerfile} in a build context folder and makes an image on a
 * {@link ContainerHost}. {@code COPY} turns context files into a layer; {@code RUN} starts a build container on the
 * host kernel from the image so far, runs a guest program in it, and its upper layer (the files it changed, with
 * whiteouts for what it deleted) becomes the next layer. The other instructions change the config only.
 * <p>
 * Every step has a cache key: the sha256 of the previous key and the instruction (and, for {@code COPY}, the digest
 * of the files copied), starting from the digests of the base image's layers. A layer is kept in the cache folder as
 * a tar named by its key, so a rebuild with nothing changed reuses every layer and runs nothing.
 */
public final class ImageBuilder {
    /** What a build did: the image, Docker-like step lines, and how many layers were made or taken from the cache. */
    public record Build(ImageSource image, List<String> log, int layersBuilt, int layersCached, String cacheKey) {
        @Override
        public String toString() {
            return String.join("\n", log);
        }
    }

    private static final long LAYER_CAPACITY = 64L << 20;
    private static final LayerTar.Limits CACHE_LIMITS = new LayerTar.Limits(LAYER_CAPACITY, 100_000);
    private final ContainerHost host;
    private final Path cache;
    private Duration runTimeout = Duration.ofSeconds(10);

    /** A builder for {@code host}, keeping its layer cache in folder {@code cache}. */
    public ImageBuilder(ContainerHost host, Path cache) {
        this.host = host;
        this.cache = cache;
    }

    /** How much simulated time one {@code RUN} may take (default 10 s). */
    public ImageBuilder runTimeout(Duration simulated) {
        this.runTimeout = simulated;
        return this;
    }

    /** Builds {@code context}/Dockerfile into an image named {@code tag}, loads it on the host and returns the build. */
    public Build build(Path context, String tag) {
        Path file = context.resolve("Dockerfile");
        try {
            if (!Files.isRegularFile(file)) {
                throw new ContainerException(ContainerException.DAEMON, "no Dockerfile in " + context);
            }
            return build(context, Dockerfile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()), tag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds {@code dockerfile} with files from {@code context} into an image named {@code tag}. */
    public Build build(Path context, Dockerfile dockerfile, String tag) {
        String reference = LocalImage.normalize(tag);
        List<String> log = new ArrayList<>();
        List<FileTree> layers = new ArrayList<>();
        ImageConfig config;
        String key;
        int built = 0, cached = 0, n = dockerfile.steps().size();
        try {
            Files.createDirectories(cache);
            Dockerfile.Step from = dockerfile.steps().get(0);
            log.add("Step 1/" + n + " : " + from);
            if (from.arguments().equals("scratch")) {
                config = new ImageConfig(List.of(), List.of(), Map.of("PATH", ImageConfig.DEFAULT_PATH), "/", Map.of());
                key = OciLayout.digest("FROM scratch".getBytes(StandardCharsets.UTF_8));
            } else {
                ImageSource base;
                try {
                    base = host.image(from.arguments());
                } catch (ContainerException e) {
                    throw Dockerfile.error(dockerfile.name(), from.line(), e.getMessage());
                }
                layers.addAll(base.layers());
                config = base.config();
                StringBuilder k = new StringBuilder("FROM");
                for (FileTree layer : base.layers()) {
                    k.append(' ').append(OciLayout.digest(LayerTar.write(layer)));
                }
                key = OciLayout.digest(k.append('\n').append(configKey(config)).toString().getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 1; i < n; i++) {
                Dockerfile.Step step = dockerfile.steps().get(i);
                log.add("Step " + (i + 1) + "/" + n + " : " + step);
                String name = dockerfile.name();
                switch (step.keyword()) {
                    case "COPY" -> {
                        byte[] tar = LayerTar.write(copyLayer(context, step, config.workingDir(), name));
                        key = next(key, step + "\n" + OciLayout.digest(tar));
                        boolean hit = Files.isRegularFile(layerFile(key));
                        layers.add(cachedOrStored(key, tar));
                        log.add(hit ? " ---> Using cache" : " ---> " + key.substring(7, 19));
                        if (hit) {
                            cached++;
                        } else {
                            built++;
                        }
                    }
                    case "RUN" -> {
                        key = next(key, step.toString());
                        if (Files.isRegularFile(layerFile(key))) {
                            layers.add(cachedOrStored(key, null));
                            log.add(" ---> Using cache");
                            cached++;
                        } else {
                            byte[] tar = LayerTar.write(run(layers, config, step, name, log));
                            layers.add(cachedOrStored(key, tar));
                            log.add(" ---> " + key.substring(7, 19));
                            built++;
                        }
                    }
                    default -> {
                        config = configure(config, step, name);
                        key = next(key, step.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("build of " + reference + " failed: " + e.getMessage(), e);
        }
        LocalImage image = LocalImage.of(reference, config, layers);
        host.load(image);
        log.add("Successfully built " + key.substring(7, 19));
        log.add("Successfully tagged " + reference);
        return new Build(image, log, built, cached, key);
    }

    private static String next(String key, String step) {
        return OciLayout.digest((key + "\n" + step).getBytes(StandardCharsets.UTF_8));
    }

    /** The config as text with sorted maps (the record's maps iterate in an order that changes between JVMs). */
    private static String configKey(ImageConfig c) {
        return "entrypoint=" + c.entrypoint() + " cmd=" + c.cmd() + " env=" + new TreeMap<>(c.env()) + " workdir="
                + c.workingDir() + " labels=" + new TreeMap<>(c.labels());
    }

    private Path layerFile(String key) {
        return cache.resolve(key.substring(7) + ".tar");
    }

    /** The layer cached under {@code key}, storing {@code tar} there first if it is new. */
    private MemoryTree cachedOrStored(String key, byte[] tar) throws IOException {
        Path file = layerFile(key);
        if (!Files.isRegularFile(file)) {
            AtomicFile.write(file, tar);
        }
        try (var in = Files.newInputStream(file)) {
            return LayerTar.read(in, "cache " + key.substring(7, 19), CACHE_LIMITS);
        }
    }

    private static ImageConfig configure(ImageConfig c, Dockerfile.Step step, String name) {
        switch (step.keyword()) {
            case "ENV" -> {
                for (String[] kv : Dockerfile.pairs(name, step)) {
                    c = c.withEnv(kv[0], kv[1]);
                }
                return c;
            }
            case "LABEL" -> {
                for (String[] kv : Dockerfile.pairs(name, step)) {
                    c = c.withLabel(kv[0], kv[1]);
                }
                return c;
            }
            case "WORKDIR" -> {
                return c.withWorkingDir(absolute(step.arguments(), c.workingDir()));
            }
            case "ENTRYPOINT" -> {
                return new ImageConfig(Dockerfile.command(name, step), List.of(), c.env(), c.workingDir(), c.labels());
            }
            case "CMD" -> {
                return new ImageConfig(c.entrypoint(), Dockerfile.command(name, step), c.env(), c.workingDir(), c.labels());
            }
            default -> throw Dockerfile.error(name, step.line(), "unexpected " + step.keyword());
        }
    }

    private static String absolute(String path, String workdir) {
        String p = path.startsWith("/") ? path : (workdir.endsWith("/") ? workdir : workdir + "/") + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    // ---- COPY -----------------------------------------------------------------------------------------------------

    /** "COPY SRC... DEST": files and folder contents from the context, which a source may not leave. */
    private static MemoryTree copyLayer(Path context, Dockerfile.Step step, String workdir, String name)
            throws IOException {
        String[] words = step.arguments().split("\\s+");
        if (words.length < 2) {
            throw Dockerfile.error(name, step.line(), "COPY needs a source and a destination");
        }
        String dest = words[words.length - 1];
        boolean intoDirectory = dest.endsWith("/") || words.length > 2;
        String target = LayerTar.safePath(absolute(dest, workdir).substring(1), "COPY");
        Path root = context.toRealPath();
        MemoryTree layer = new MemoryTree(LAYER_CAPACITY);
        try {
            for (int i = 0; i < words.length - 1; i++) {
                Path source = root.resolve(words[i]).normalize();
                if (!source.startsWith(root)) {
                    throw Dockerfile.error(name, step.line(), "COPY failed: forbidden path outside the build context: "
                            + words[i]);
                }
                if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw Dockerfile.error(name, step.line(), "COPY failed: file not found in build context: " + words[i]);
                }
                if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    copyFolder(source, target, layer, name, step);
                } else {
                    String into = intoDirectory ? FileTree.join(target, source.getFileName().toString()) : target;
                    copyFile(source, into, layer, name, step);
                }
            }
        } catch (VfsException e) {
            throw Dockerfile.error(name, step.line(), "COPY failed: " + e.getMessage());
        }
        return layer;
    }

    private static void copyFolder(Path folder, String target, MemoryTree layer, String name, Dockerfile.Step step)
            throws IOException, VfsException {
        LayerTar.makeParents(layer, target);
        List<Path> children;
        try (Stream<Path> s = Files.list(folder)) {
            children = s.sorted().toList();
        }
        for (Path child : children) {
            String into = FileTree.join(target, child.getFileName().toString());
            if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                copyFolder(child, into, layer, name, step);
            } else {
                copyFile(child, into, layer, name, step);
            }
        }
    }

    private static void copyFile(Path file, String into, MemoryTree layer, String name, Dockerfile.Step step)
            throws IOException, VfsException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw Dockerfile.error(name, step.line(), "COPY failed: " + file.getFileName()
                    + " is not a regular file (links and devices are not copied)");
        }
        LayerTar.makeParents(layer, FileTree.parentOf(into));
        layer.writeAll(into, Files.readAllBytes(file));
    }

    // ---- RUN ------------------------------------------------------------------------------------------------------

    /** Runs the step's program in a build container of the image so far; returns the files it changed. */
    private MemoryTree run(List<FileTree> layers, ImageConfig config, Dockerfile.Step step, String name, List<String> log) {
        List<String> command = Dockerfile.command(name, step);
        String buildImage = "vmlab-build:line" + step.line();
        host.load(LocalImage.of(buildImage, config, layers));
        Container c = null;
        try {
            c = host.run(buildImage, new RunOptions().timeout(runTimeout)
                    .entrypoint(command.toArray(new String[0])));
            if (c.running()) {
                host.kill(c.id());
                throw Dockerfile.error(name, step.line(), "RUN " + String.join(" ", command) + " did not finish in "
                        + runTimeout.toMillis() / 1000.0 + " simulated seconds");
            }
            if (!c.logs().isEmpty()) {
                c.logs().lines().forEach(l -> log.add(" " + l));
            }
            if (c.exitCode() != 0) {
                throw Dockerfile.error(name, step.line(), "The command '" + String.join(" ", command)
                        + "' returned a non-zero code: " + c.exitCode());
            }
            return c.upperLayer();
        } catch (ContainerException e) {
            if (e.getMessage().startsWith(name + " line ")) {
                throw e;
            }
            throw Dockerfile.error(name, step.line(), "RUN failed: " + e.getMessage());
        } finally {
            if (c != null) {
                host.rm(c.id(), true);
            }
            host.rmi(buildImage);
        }
    }
}
