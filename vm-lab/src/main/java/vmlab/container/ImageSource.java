package vmlab.container;

import java.util.List;
import vmlab.os.FileTree;

/**
 * An image as the runtime needs it: read-only layers, bottom first, and the config. Whatever stores images (a folder
 * per layer here, an OCI image layout with tar layers elsewhere) plugs in by implementing this; the runtime never
 * writes to a layer.
 */
public interface ImageSource {
    /** The name the image is run by, "corpus:latest". */
    String reference();

    /** The layers, bottom first; each may hold OCI whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq}). */
    List<FileTree> layers();

    ImageConfig config();

    /** A content identifier for listings ("sha256:..." for OCI images); by default derived from the reference. */
    default String id() {
        return String.format("%012x", reference().hashCode() & 0xFFFF_FFFFL);
    }

    /** Bytes of file contents in all layers, or -1 if unknown. */
    default long size() {
        return -1;
    }
}
