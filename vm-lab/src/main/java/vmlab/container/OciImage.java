package vmlab.container;

import java.util.List;
import vmlab.os.FileTree;
import vmlab.os.MemoryTree;

/**
 * An image read from an OCI image layout ({@link OciLayout#read}): its layers unpacked into memory, checked against
 * the digests of the manifest and the config, and its config. Its id is the config's digest, as Docker's is.
 */
public final class OciImage implements ImageSource {
    private final String reference;
    private final List<MemoryTree> layers;
    private final ImageConfig config;
    private final String configDigest;
    private final String manifestDigest;

    OciImage(String reference, List<MemoryTree> layers, ImageConfig config, String configDigest,
             String manifestDigest) {
        this.reference = LocalImage.normalize(reference);
        this.layers = List.copyOf(layers);
        this.config = config;
        this.configDigest = configDigest;
        this.manifestDigest = manifestDigest;
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public List<FileTree> layers() {
        return List.copyOf(layers);
    }

    @Override
    public ImageConfig config() {
        return config;
    }

    /** The config's digest, "sha256:...". */
    @Override
    public String id() {
        return configDigest;
    }

    /** The manifest's digest, what {@code skopeo inspect} calls the image's Digest. */
    public String manifestDigest() {
        return manifestDigest;
    }

    @Override
    public long size() {
        return layers.stream().mapToLong(MemoryTree::used).sum();
    }

    @Override
    public String toString() {
        return reference + " (OCI, " + layers.size() + " layer" + (layers.size() == 1 ? "" : "s") + ", "
                + configDigest.substring(0, Math.min(19, configDigest.length())) + ")";
    }
}
