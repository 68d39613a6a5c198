package vmlab.os;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A union file system (overlayfs, as container runtimes mount images): read-only lower layers under one writable upper
 * layer, seen as one tree.
 *
 * <ul>
 *   <li><b>Lookup</b> goes from the top layer down; the first layer that has the name wins.</li>
 *   <li><b>Whiteouts.</b> A file {@code .wh.NAME} in a layer hides NAME (and everything under it) in the layers below:
 *   that is how a layer records a deletion.</li>
 *   <li><b>Opaque directories.</b> A file {@code .wh..wh..opq} in a directory hides the contents of the same directory
 *   in every layer below: a directory deleted and created again.</li>
 *   <li><b>Copy-up.</b> Opening a lower file for writing first copies it into the upper layer (with its parent
 *   directories); from then on the upper copy hides the lower one. The lower layers are never written: a container can
 *   change nothing but its upper layer.</li>
 * </ul>
 *
 * These are the OCI image specification's whiteout names, so layers unpacked from an image tar work as they are.
 */
public final class OverlayTree implements FileTree {
    public static final String WHITEOUT = ".wh.";
    public static final String OPAQUE = ".wh..wh..opq";
    /** Files larger than this are not copied up (a guard against a lower layer that is a decompression bomb). */
    private static final int COPY_UP_LIMIT = 64 << 20;

    /** Top first: the upper layer (if any) at index 0. */
    private final List<FileTree> layers;
    private final FileTree upper;
    private long copyUps;

    /**
     * @param lowers read-only layers, bottom first (the order of an image's layer list)
     * @param upper  the writable layer, or null for a read-only union
     */
    public OverlayTree(List<? extends FileTree> lowers, FileTree upper) {
        if (upper != null && !upper.writable()) {
            throw new IllegalArgumentException("the upper layer must be writable: " + upper.describe());
        }
        this.upper = upper;
        List<FileTree> top = new ArrayList<>();
        if (upper != null) {
            top.add(upper);
        }
        for (int k = lowers.size() - 1; k >= 0; k--) {
            top.add(lowers.get(k));
        }
        this.layers = List.copyOf(top);
    }

    /** The layer index (0 = top) where {@code path} is found, or -1 if it does not exist in the union. */
    public int lookup(String path) {
        return lookup(path, 0);
    }

    private int lookup(String path, int first) {
        for (int k = first; k < layers.size(); k++) {
            FileTree layer = layers.get(k);
            if (hiddenBy(layer, path)) {
                return -1;
            }
            if (layer.kind(path) != null) {
                return k;
            }
            if (opaqueAbove(layer, path)) {
                return -1;
            }
        }
        return -1;
    }

    /** True if {@code layer} has a whiteout for {@code path} or for one of its parent directories. */
    private static boolean hiddenBy(FileTree layer, String path) {
        String prefix = "";
        for (String name : path.isEmpty() ? new String[0] : path.split("/")) {
            if (layer.kind(FileTree.join(prefix, WHITEOUT + name)) == FileTree.Kind.FILE) {
                return true;
            }
            prefix = FileTree.join(prefix, name);
        }
        return false;
    }

    /** True if a directory above {@code path} is opaque in {@code layer}: the layers below do not count there. */
    private static boolean opaqueAbove(FileTree layer, String path) {
        String directory = FileTree.parentOf(path);
        while (true) {
            if (layer.kind(directory) == FileTree.Kind.DIRECTORY
                    && layer.kind(FileTree.join(directory, OPAQUE)) == FileTree.Kind.FILE) {
                return true;
            }
            if (directory.isEmpty()) {
                return false;
            }
            directory = FileTree.parentOf(directory);
        }
    }

    private static void refuseWhiteoutName(String path) throws VfsException {
        if (FileTree.nameOf(path).startsWith(WHITEOUT)) {
            throw new VfsException(Errno.EPERM, "names starting with " + WHITEOUT + " are the overlay's own: " + path);
        }
    }

    @Override
    public Kind kind(String path) {
        if (!path.isEmpty() && FileTree.nameOf(path).startsWith(WHITEOUT)) {
            return null;
        }
        int k = lookup(path);
        return k < 0 ? (path.isEmpty() ? Kind.DIRECTORY : null) : layers.get(k).kind(path);
    }

    @Override
    public OpenFile open(String path, OpenRequest request) throws VfsException {
        refuseWhiteoutName(path);
        int k = lookup(path);
        if (k >= 0 && layers.get(k).kind(path) == Kind.DIRECTORY) {
            throw new VfsException(Errno.EISDIR, path + " is a directory");
        }
        if (!request.changes()) {
            if (k < 0) {
                throw new VfsException(Errno.ENOENT, "no such file: " + path);
            }
            return layers.get(k).open(path, request);
        }
        if (upper == null) {
            throw new VfsException(Errno.EROFS, "the union has no writable layer: " + path);
        }
        if (k < 0) {
            if (!request.create()) {
                throw new VfsException(Errno.ENOENT, "no such file: " + path);
            }
            if (kind(FileTree.parentOf(path)) != Kind.DIRECTORY) {
                throw new VfsException(Errno.ENOENT, "no such directory: " + FileTree.parentOf(path));
            }
            prepareUpperDirectory(FileTree.parentOf(path));
            clearWhiteout(path);
        } else if (k > 0) {
            if (request.create() && request.exclusive()) {
                throw new VfsException(Errno.EEXIST, path + " exists");
            }
            copyUp(path, k);
        }
        return upper.open(path, request);
    }

    /** Copies a lower file into the upper layer, so that a write changes the copy and never the layer. */
    private void copyUp(String path, int from) throws VfsException {
        byte[] bytes = layers.get(from).readAll(path, COPY_UP_LIMIT);
        prepareUpperDirectory(FileTree.parentOf(path));
        upper.writeAll(path, bytes);
        copyUps++;
    }

    /** Makes {@code directory} exist in the upper layer (creating the parents the union already shows). */
    private void prepareUpperDirectory(String directory) throws VfsException {
        if (directory.isEmpty() || upper.kind(directory) == Kind.DIRECTORY) {
            return;
        }
        prepareUpperDirectory(FileTree.parentOf(directory));
        clearWhiteout(directory);
        upper.makeDirectory(directory);
    }

    private void clearWhiteout(String path) throws VfsException {
        String whiteout = FileTree.join(FileTree.parentOf(path), WHITEOUT + FileTree.nameOf(path));
        if (upper.kind(whiteout) != null) {
            upper.remove(whiteout);
        }
    }

    @Override
    public List<String> list(String path) throws VfsException {
        int k = lookup(path);
        if (k < 0 && !path.isEmpty()) {
            throw new VfsException(Errno.ENOENT, "no such directory: " + path);
        }
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> hidden = new TreeSet<>();
        for (int j = Math.max(k, 0); j < layers.size(); j++) {
            FileTree layer = layers.get(j);
            if (j > Math.max(k, 0) && hiddenBy(layer, path)) {
                break;
            }
            if (layer.kind(path) == Kind.DIRECTORY) {
                for (String name : layer.list(path)) {
                    if (name.equals(OPAQUE)) {
                        continue;
                    } else if (name.startsWith(WHITEOUT)) {
                        hidden.add(name.substring(WHITEOUT.length()));
                    } else if (!hidden.contains(name)) {
                        names.add(name);
                    }
                }
                if (layer.kind(FileTree.join(path, OPAQUE)) == Kind.FILE) {
                    break;
                }
            } else if (layer.kind(path) == Kind.FILE || opaqueAbove(layer, path)) {
                break;
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public void makeDirectory(String path) throws VfsException {
        refuseWhiteoutName(path);
        if (upper == null) {
            throw new VfsException(Errno.EROFS, "the union has no writable layer: " + path);
        }
        if (kind(path) != null) {
            throw new VfsException(Errno.EEXIST, path + " exists");
        }
        if (kind(FileTree.parentOf(path)) != Kind.DIRECTORY) {
            throw new VfsException(Errno.ENOENT, "no such directory: " + FileTree.parentOf(path));
        }
        prepareUpperDirectory(FileTree.parentOf(path));
        boolean wasDeleted = upper.kind(FileTree.join(FileTree.parentOf(path), WHITEOUT + FileTree.nameOf(path))) != null;
        clearWhiteout(path);
        upper.makeDirectory(path);
        if (wasDeleted) { // a directory made again over a deleted one must not show the old one's contents
            upper.writeAll(FileTree.join(path, OPAQUE), new byte[0]);
        }
    }

    @Override
    public void remove(String path) throws VfsException {
        refuseWhiteoutName(path);
        if (upper == null) {
            throw new VfsException(Errno.EROFS, "the union has no writable layer: " + path);
        }
        int k = lookup(path);
        if (k < 0) {
            throw new VfsException(Errno.ENOENT, "no such file: " + path);
        }
        if (layers.get(k).kind(path) == Kind.DIRECTORY && !list(path).isEmpty()) {
            throw new VfsException(Errno.ENOTEMPTY, path + " is not empty");
        }
        if (k == 0) {
            for (String name : upper.kind(path) == Kind.DIRECTORY ? upper.list(path) : List.<String>of()) {
                upper.remove(FileTree.join(path, name)); // only whiteouts and the opaque mark can be left
            }
            upper.remove(path);
        }
        if (lookup(path, 1) >= 0) { // a lower layer still has it: record the deletion
            prepareUpperDirectory(FileTree.parentOf(path));
            upper.writeAll(FileTree.join(FileTree.parentOf(path), WHITEOUT + FileTree.nameOf(path)), new byte[0]);
        }
    }

    @Override
    public boolean writable() {
        return upper != null;
    }

    /** Files copied up from a lower layer so far. */
    public long copyUps() {
        return copyUps;
    }

    public FileTree upper() {
        return upper;
    }

    /** The layers, top first (the upper layer, if any, first). */
    public List<FileTree> layers() {
        return layers;
    }

    @Override
    public String describe() {
        return "overlay (" + (layers.size() - (upper == null ? 0 : 1)) + " read-only layers"
                + (upper == null ? "" : " + " + upper.describe() + " upper") + ")";
    }
}
