package vmlab.os;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The VFS's view of one mount namespace: which {@link FileTree} is mounted where. A path is resolved by normalizing it
 * (".." never climbs above "/", as in Linux) and finding the mount with the longest matching mount point. Processes in the
 * same mount namespace share one table; a new mount namespace starts as a copy, and mounts made in it are its own.
 */
public final class MountTable {
    /** A file tree mounted at an absolute, normalized {@code point} ("/" or "/data"). */
    public record Mount(String point, FileTree tree, boolean readOnly) {
        @Override
        public String toString() {
            return tree.describe() + " on " + point + (readOnly ? " (ro)" : "");
        }
    }

    /** Where a path leads: a tree, the path relative to it, and whether the mount is read-only. */
    public record Resolved(Mount mount, String path) {
        public FileTree tree() {
            return mount.tree();
        }
    }

    private static final int PATH_MAX = 4096;
    private final List<Mount> mounts = new ArrayList<>();

    /** A table with nothing mounted: every path is ENOENT (EACCES when opened, as for a process with no files). */
    public MountTable() {
    }

    /** The copy a new mount namespace starts with. */
    public MountTable copy() {
        MountTable t = new MountTable();
        t.mounts.addAll(mounts);
        return t;
    }

    /** Mounts {@code tree} at {@code point} (replacing what was mounted exactly there). */
    public MountTable mount(String point, FileTree tree, boolean readOnly) {
        String p = "/" + normalize("/", point);
        String at = p.equals("/") ? "/" : p;
        mounts.removeIf(m -> m.point().equals(at));
        mounts.add(new Mount(at, tree, readOnly));
        mounts.sort(Comparator.comparingInt((Mount m) -> m.point().length()).reversed());
        return this;
    }

    public List<Mount> mounts() {
        return List.copyOf(mounts);
    }

    public boolean isEmpty() {
        return mounts.isEmpty();
    }

    /** The normalized path without its leading "/": "a/../b//c" from "/x" is "x/b/c". */
    public static String normalize(String cwd, String path) {
        List<String> names = new ArrayList<>();
        String whole = path.startsWith("/") ? path : cwd + "/" + path;
        for (String name : whole.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else {
                names.add(name);
            }
        }
        return String.join("/", names);
    }

    /** The mount and tree-relative path that {@code path} (from working directory {@code cwd}) names. */
    public Resolved resolve(String cwd, String path) throws VfsException {
        if (path.length() > PATH_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG, "a path of " + path.length() + " characters");
        }
        if (path.isEmpty()) {
            throw new VfsException(Errno.ENOENT, "an empty path");
        }
        String absolute = "/" + normalize(cwd, path);
        for (Mount m : mounts) {
            String point = m.point();
            if (point.equals("/")) {
                return new Resolved(m, absolute.substring(1));
            }
            if (absolute.equals(point) || absolute.startsWith(point + "/")) {
                return new Resolved(m, absolute.substring(Math.min(absolute.length(), point.length() + 1)));
            }
        }
        throw new VfsException(Errno.ENOENT, "nothing is mounted at " + absolute);
    }

    /** Opens {@code path}; a change on a read-only mount is EROFS. */
    public OpenFile open(String cwd, String path, OpenRequest request) throws VfsException {
        Resolved r = resolve(cwd, path);
        if (r.mount().readOnly() && request.changes()) {
            throw new VfsException(Errno.EROFS, path + " is on a read-only mount (" + r.mount() + ")");
        }
        return r.tree().open(r.path(), request);
    }

    public void makeDirectory(String cwd, String path) throws VfsException {
        Resolved r = writable(cwd, path);
        r.tree().makeDirectory(r.path());
    }

    public void remove(String cwd, String path) throws VfsException {
        Resolved r = writable(cwd, path);
        if (r.path().isEmpty()) {
            throw new VfsException(Errno.EACCES, "a mount point cannot be removed: " + path);
        }
        r.tree().remove(r.path());
    }

    public FileTree.Kind kind(String cwd, String path) {
        try {
            Resolved r = resolve(cwd, path);
            return r.tree().kind(r.path());
        } catch (VfsException e) {
            return null;
        }
    }

    public List<String> list(String cwd, String path) throws VfsException {
        Resolved r = resolve(cwd, path);
        return r.tree().list(r.path());
    }

    public byte[] readAll(String cwd, String path, int limit) throws VfsException {
        Resolved r = resolve(cwd, path);
        return r.tree().readAll(r.path(), limit);
    }

    private Resolved writable(String cwd, String path) throws VfsException {
        Resolved r = resolve(cwd, path);
        if (r.mount().readOnly()) {
            throw new VfsException(Errno.EROFS, path + " is on a read-only mount (" + r.mount() + ")");
        }
        return r;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int k = mounts.size() - 1; k >= 0; k--) {
            b.append(mounts.get(k)).append('\n');
        }
        return b.toString();
    }
}
