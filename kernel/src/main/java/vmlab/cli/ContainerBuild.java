package vmlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.container.ContainerHost;
import vmlab.container.ImageBuilder;
import vmlab.container.OciLayout;
import vmlab.engine.ReferenceInterpreter;

/**
 * {@code vmlab container build -t NAME DIR}: builds DIR/Dockerfile on a fresh host kernel and keeps the image in the
 * image store, an OCI image layout ({@code ~/.vmlab/images} unless {@code --images} says otherwise) tagged with the
 * image's name, where {@code run} and {@code images} find it and where umoci or skopeo can read it
 * ({@code skopeo inspect oci:~/.vmlab/images:NAME:TAG}).
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Builds an image from DIR/Dockerfile (FROM, COPY, RUN, ENV, WORKDIR, ENTRYPOINT, CMD, LABEL).")
final class ContainerBuild extends ContainerCommand.Verb {
    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "NAME[:TAG]")
    String tag;
    @Option(names = "--cache", paramLabel = "DIR", description = "the layer cache (default: ~/.vmlab/build-cache)")
    Path cache;
    @Parameters(index = "0", paramLabel = "DIR", description = "the build context, holding the Dockerfile")
    Path context;

    static Path defaultStore() {
        return Path.of(System.getProperty("user.home"), ".vmlab", "images");
    }

    /** Makes every image in the store runnable on {@code host} (images that cannot be read are reported, not fatal). */
    static ContainerHost withStoredImages(ContainerHost host, Path store) {
        if (store == null || !Files.isRegularFile(store.resolve(OciLayout.LAYOUT_FILE))) {
            return host;
        }
        OciLayout layout = OciLayout.at(store);
        for (String tag : layout.tags()) {
            try {
                host.load(layout.read(tag, tag));
            } catch (RuntimeException e) {
                System.err.println("vmlab container: skipping the stored image " + tag + ": " + e.getMessage());
            }
        }
        return host;
    }

    @Override
    int execute() throws Exception {
        Path store = parent.imageStore();
        ContainerHost host = withStoredImages(ContainerHost.create(64, ReferenceInterpreter::new), store);
        Path layers = cache != null ? cache : Path.of(System.getProperty("user.home"), ".vmlab", "build-cache");
        ImageBuilder.Build build = new ImageBuilder(host, layers).build(context, tag);
        build.log().forEach(System.out::println);
        OciLayout.at(store).write(build.image(), build.image().reference());
        System.out.printf("%d layer%s built, %d from the cache; stored in %s%n", build.layersBuilt(),
                build.layersBuilt() == 1 ? "" : "s", build.layersCached(), store);
        return 0;
    }
}
