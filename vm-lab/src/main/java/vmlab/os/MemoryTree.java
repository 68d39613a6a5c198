package vmlab.os;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * tmpfs: a file system that lives in host memory and vanishes with its mount. It has a size limit (Linux's
 * {@code size=}), so a guest that writes without end gets ENOSPC instead of filling the host JVM's heap.
 */
public final class MemoryTree implements FileTree {
    /** A file's bytes; several open descriptors share it. */
    private static final class Contents {
        byte[] bytes = new byte[0];
        int size;
    }

    private final long capacity;
    private final Map<String, Contents> files = new TreeMap<>();
    private final java.util.Set<String> directories = new java.util.TreeSet<>(List.of(""));
    private long used;

    /** A tmpfs holding at most {@code capacity} bytes of file contents. */
    public MemoryTree(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a tmpfs size cannot be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A tmpfs of 16 MiB. */
    public MemoryTree() {
        this(16L << 20);
    }

    @Override
    public Kind kind(String path) {
        return directories.contains(path) ? Kind.DIRECTORY : files.containsKey(path) ? Kind.FILE : null;
    }

    @Override
    public OpenFile open(String path, OpenRequest request) throws VfsException {
        if (directories.contains(path)) {
            throw new VfsException(Errno.EISDIR, path + " is a directory");
        }
        Contents c = files.get(path);
        if (c == null) {
            if (!request.create()) {
                throw new VfsException(Errno.ENOENT, "no such file: " + path);
            }
            if (!directories.contains(FileTree.parentOf(path))) {
                throw new VfsException(Errno.ENOENT, "no such directory: " + FileTree.parentOf(path));
            }
            c = new Contents();
            files.put(path, c);
        } else if (request.create() && request.exclusive()) {
            throw new VfsException(Errno.EEXIST, path + " exists");
        }
        if (request.truncate()) {
            used -= c.size;
            c.size = 0;
        }
        return new Handle(c, request);
    }

    private final class Handle implements OpenFile {
        private final Contents c;
        private final OpenRequest request;
        private long position;

        Handle(Contents c, OpenRequest request) {
            this.c = c;
            this.request = request;
        }

        @Override
        public int read(byte[] into, int length) {
            if (!request.read()) {
                return -Errno.EBADF;
            }
            int n = (int) Math.max(0, Math.min(length, c.size - position));
            System.arraycopy(c.bytes, (int) Math.min(position, c.size), into, 0, n);
            position += n;
            return n;
        }

        @Override
        public int write(byte[] from, int length) {
            if (!request.write()) {
                return -Errno.EBADF;
            }
            if (request.append()) {
                position = c.size;
            }
            long end = position + length;
            long growth = Math.max(0, end - c.size);
            if (end > Integer.MAX_VALUE - 16 || used + growth > capacity) {
                return -Errno.ENOSPC;
            }
            if (end > c.bytes.length) {
                c.bytes = Arrays.copyOf(c.bytes, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 16,
                        2L * c.bytes.length)));
            }
            System.arraycopy(from, 0, c.bytes, (int) position, length);
            c.size = (int) Math.max(c.size, end);
            used += growth;
            position = end;
            return length;
        }

        @Override
        public long seek(long offset, int whence) {
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> position;
                case 2 -> c.size;
                default -> -1;
            };
            if (base < 0 || base + offset < 0) {
                return -Errno.EINVAL;
            }
            position = base + offset;
            return position;
        }

        @Override
        public int mode() {
            return 0100644;
        }

        @Override
        public long size() {
            return c.size;
        }

        @Override
        public void close() {
        }
    }

    @Override
    public List<String> list(String path) throws VfsException {
        if (!directories.contains(path)) {
            throw new VfsException(kind(path) == null ? Errno.ENOENT : Errno.ENOTDIR, "not a directory: " + path);
        }
        List<String> names = new ArrayList<>();
        String prefix = path.isEmpty() ? "" : path + "/";
        for (String p : directories) {
            if (!p.isEmpty() && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                names.add(p.substring(prefix.length()));
            }
        }
        for (String p : files.keySet()) {
            if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                names.add(p.substring(prefix.length()));
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public void makeDirectory(String path) throws VfsException {
        if (kind(path) != null) {
            throw new VfsException(Errno.EEXIST, path + " exists");
        }
        if (!directories.contains(FileTree.parentOf(path))) {
            throw new VfsException(Errno.ENOENT, "no such directory: " + FileTree.parentOf(path));
        }
        directories.add(path);
    }

    @Override
    public void remove(String path) throws VfsException {
        Contents c = files.remove(path);
        if (c != null) {
            used -= c.size;
            return;
        }
        if (path.isEmpty() || !directories.contains(path)) {
            throw new VfsException(Errno.ENOENT, "no such file: " + path);
        }
        if (!list(path).isEmpty()) {
            throw new VfsException(Errno.ENOTEMPTY, path + " is not empty");
        }
        directories.remove(path);
    }

    @Override
    public boolean writable() {
        return true;
    }

    /** Bytes of file contents stored. */
    public long used() {
        return used;
    }

    @Override
    public String describe() {
        return String.format("tmpfs (%,d of %,d bytes used)", used, capacity);
    }
}
