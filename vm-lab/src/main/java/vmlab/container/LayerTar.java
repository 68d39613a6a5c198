package vmlab.container;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import vmlab.os.FileTree;
import vmlab.os.MemoryTree;
import vmlab.os.VfsException;

/**
 * One image layer as a tar archive, both ways. Writing is deterministic (sorted names, owner root, time zero), so the
 * same files always give the same digest, which is what lets the builder's cache recognize a layer. Reading trusts
 * nothing: a name that climbs out with {@code ..}, a symlink that points outside the layer, a device file, or an
 * archive that unpacks to more than the limits is refused with the entry's name. Whiteouts ({@code .wh.NAME}) are
 * ordinary empty files in both the tar and the lab's trees, so they pass through unchanged.
 */
final class LayerTar {
    /** How much one layer may unpack to: bytes after decompression (headers included) and tar entries. */
    record Limits(long maxBytes, int maxEntries) {
        Limits {
            if (maxBytes <= 0 || maxEntries <= 0) {
                throw new IllegalArgumentException("layer limits must be positive: " + maxBytes + " bytes, "
                        + maxEntries + " entries");
            }
        }
    }

    /** Files over this size do not fit a {@link MemoryTree} file (a Java array) anyway. */
    private static final int LARGEST_FILE = 1 << 30;

    private LayerTar() {
    }

    /** The tree as an uncompressed tar. */
    static byte[] write(FileTree tree) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            writeDirectory(tree, "", tar);
            tar.finish();
        } catch (VfsException e) {
            throw new IOException("cannot read the layer " + tree.describe() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void writeDirectory(FileTree tree, String path, TarArchiveOutputStream tar)
            throws VfsException, IOException {
        for (String name : tree.list(path)) {
            String child = FileTree.join(path, name);
            if (tree.kind(child) == FileTree.Kind.DIRECTORY) {
                tar.putArchiveEntry(entry(child + "/", TarArchiveEntry.DEFAULT_DIR_MODE | 0755, 0));
                tar.closeArchiveEntry();
                writeDirectory(tree, child, tar);
            } else {
                byte[] contents = tree.readAll(child, LARGEST_FILE);
                // The lab's trees keep no permission bits; programs (ELF files) are made executable for real tools.
                int mode = isElf(contents) ? 0755 : 0644;
                tar.putArchiveEntry(entry(child, TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode, contents.length));
                tar.write(contents);
                tar.closeArchiveEntry();
            }
        }
    }

    private static TarArchiveEntry entry(String name, int mode, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setSize(size);
        e.setModTime(0);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        return e;
    }

    private static boolean isElf(byte[] b) {
        return b.length >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    /**
     * Unpacks an uncompressed tar stream into a new tree, refusing what a layer must not hold. {@code layer} names
     * the layer in messages.
     */
    static MemoryTree read(InputStream uncompressed, String layer, Limits limits) throws IOException {
        MemoryTree tree = new MemoryTree(limits.maxBytes());
        Map<String, byte[]> files = new HashMap<>();
        int entries = 0;
        Bounded bounded = new Bounded(uncompressed, limits.maxBytes(), layer);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(bounded)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw refused(layer, "has more than " + limits.maxEntries() + " entries (a decompression bomb?)");
                }
                String path = safePath(e.getName(), layer);
                if (path.isEmpty()) {
                    continue;   // "./", the layer's root
                }
                if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    throw refused(layer, "holds the device file or FIFO '" + e.getName() + "'; an image may not "
                            + "bring devices into a container");
                }
                makeParents(tree, FileTree.parentOf(path));
                if (e.isDirectory()) {
                    if (tree.kind(path) == null) {
                        tree.makeDirectory(path);
                    }
                } else if (e.isSymbolicLink() || e.isLink()) {
                    byte[] target = linkTarget(e, path, files, layer);
                    tree.writeAll(path, target);
                    files.put(path, target);
                } else if (e.isFile()) {
                    if (e.getSize() > LARGEST_FILE) {
                        throw refused(layer, "has a file of " + e.getSize() + " bytes, '" + e.getName() + "'");
                    }
                    byte[] contents = tar.readAllBytes();
                    tree.writeAll(path, contents);
                    files.put(path, contents);
                } else {
                    throw refused(layer, "holds '" + e.getName() + "' of a kind a layer may not hold (tar type '"
                            + (char) e.getLinkFlag() + "')");
                }
            }
            // The padding after the end-of-archive blocks is part of the layer, and of the digest the caller checks.
            bounded.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (VfsException e) {
            throw refused(layer, "cannot be unpacked: " + e.getMessage());
        }
        return tree;
    }

    /** An entry name as a path relative to the layer's root, refusing absolute names and any "..". */
    static String safePath(String name, String layer) {
        if (name.startsWith("/")) {
            throw refused(layer, "holds the absolute path '" + name + "'");
        }
        StringBuilder path = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw refused(layer, "holds the entry '" + name + "', which climbs out of the layer with '..'");
            }
            if (part.indexOf('\0') >= 0) {
                throw refused(layer, "holds an entry name with a NUL byte");
            }
            path.append(path.length() == 0 ? "" : "/").append(part);
        }
        return path.toString();
    }

    /**
     * The lab's trees have no links, so a link becomes a copy of the file it names, which must be earlier in the same
     * layer. A link that points out of the layer (absolute, or up past the root) is refused: unpacked on a real host,
     * it is how a hostile image writes outside its container.
     */
    private static byte[] linkTarget(TarArchiveEntry e, String path, Map<String, byte[]> files, String layer) {
        String target = e.getLinkName();
        String resolved;
        if (e.isSymbolicLink()) {
            if (target.startsWith("/")) {
                throw refused(layer, "holds the symlink '" + e.getName() + "' -> '" + target + "', an absolute "
                        + "path that points outside the layer");
            }
            resolved = resolve(FileTree.parentOf(path), target);
            if (resolved == null) {
                throw refused(layer, "holds the symlink '" + e.getName() + "' -> '" + target + "', which points "
                        + "outside the layer");
            }
        } else {
            resolved = safePath(target, layer);   // a hard link names its target from the layer's root
        }
        byte[] contents = files.get(resolved);
        if (contents == null) {
            throw refused(layer, "holds the link '" + e.getName() + "' -> '" + target + "', whose target is not a "
                    + "file earlier in the layer (the lab's file trees have no links; a link is copied)");
        }
        return contents;
    }

    /** {@code target} seen from {@code directory}, or null if it climbs above the root. */
    private static String resolve(String directory, String target) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : (directory + "/" + target).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    static void makeParents(MemoryTree tree, String directory) throws VfsException {
        if (directory.isEmpty() || tree.kind(directory) == FileTree.Kind.DIRECTORY) {
            return;
        }
        makeParents(tree, FileTree.parentOf(directory));
        tree.makeDirectory(directory);
    }

    static ContainerException refused(String layer, String what) {
        return new ContainerException(ContainerException.DAEMON, "layer " + layer + " " + what);
    }

    /** Counts the bytes that come out of the decompressor and stops at the limit, before they fill the heap. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String layer;
        private long count;

        Bounded(InputStream in, long limit, String layer) {
            super(in);
            this.limit = limit;
            this.layer = layer;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw refused(layer, "unpacks to more than " + limit + " bytes (a decompression bomb?)");
            }
        }
    }
}
