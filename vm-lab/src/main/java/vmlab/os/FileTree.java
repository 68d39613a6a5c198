package vmlab.os;

import java.util.List;

/**
 * A mountable file system as the VFS sees it: a tree of directories and regular files named by relative paths ("" is
 * the root, "bin/hello" a file in a directory), already normalized by the {@link MountTable} (no ".", "..", or empty
 * names). The lab's kinds: {@link MemoryTree} (tmpfs), {@link HostFolder} (a bind mount of a host folder) and
 * {@link OverlayTree} (the union of image layers and a writable upper layer).
 */
public interface FileTree {
    enum Kind { FILE, DIRECTORY }

    /** What is at {@code path}, or null if nothing is. */
    Kind kind(String path);

    /** Opens the regular file at {@code path}. */
    OpenFile open(String path, OpenRequest request) throws VfsException;

    /** The names in the directory at {@code path}, sorted. */
    List<String> list(String path) throws VfsException;

    void makeDirectory(String path) throws VfsException;

    /** Removes a file or an empty directory. */
    void remove(String path) throws VfsException;

    /** False for a tree mounted read-only or made of read-only layers only. */
    boolean writable();

    /** A few words for mount listings: "tmpfs", "bind /home/me/data (ro)". */
    String describe();

    /** The whole file at {@code path} (at most {@code limit} bytes, else EFBIG as ENOMEM). */
    default byte[] readAll(String path, int limit) throws VfsException {
        OpenFile file = open(path, OpenRequest.READ);
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            byte[] buffer = new byte[16384];
            int n;
            while ((n = file.read(buffer, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new VfsException(Errno.ENOMEM, path + " is larger than " + limit + " bytes");
                }
            }
            file.close();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
    }

    /** Creates or replaces the file at {@code path} with {@code bytes}. */
    default void writeAll(String path, byte[] bytes) throws VfsException {
        OpenFile file = open(path, OpenRequest.CREATE);
        try {
            int n = file.write(bytes, bytes.length);
            file.close();
            if (n < 0) {
                throw new VfsException(-n, "cannot write " + path);
            }
        } catch (java.io.IOException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
    }

    /** The parent directory of a relative path ("" for a name in the root). */
    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last name of a relative path. */
    static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code directory}/{@code name}, for relative paths. */
    static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
