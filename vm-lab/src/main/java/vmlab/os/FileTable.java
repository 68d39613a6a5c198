package vmlab.os;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's file descriptors. Several descriptors (after {@code dup}, or in a parent and its forked child) can refer to
 * one open file, sharing its position; the open file is closed when the last of them is. The reference counts are kept
 * across all tables, as the kernel keeps them on the open file description.
 */
public final class FileTable {
    public static final int MAX_DESCRIPTORS = 1024;
    /** References to each open file from every table (a parent's and its children's share this map). */
    private final Map<OpenFile, Integer> references;
    private final TreeMap<Integer, OpenFile> descriptors = new TreeMap<>();

    public FileTable() {
        this(new IdentityHashMap<>());
    }

    private FileTable(Map<OpenFile, Integer> references) {
        this.references = references;
    }

    /** The open file behind {@code fd}, or null. */
    public OpenFile get(int fd) {
        return descriptors.get(fd);
    }

    public boolean contains(int fd) {
        return descriptors.containsKey(fd);
    }

    /** Puts {@code file} at the lowest free descriptor; returns it, or -EMFILE. */
    public int install(OpenFile file) {
        int fd = 0;
        while (descriptors.containsKey(fd)) {
            fd++;
        }
        if (fd >= MAX_DESCRIPTORS) {
            return -Errno.EMFILE;
        }
        put(fd, file);
        return fd;
    }

    /** Puts {@code file} at descriptor {@code fd} (closing what was there). */
    public void put(int fd, OpenFile file) {
        references.merge(file, 1, Integer::sum);
        OpenFile old = descriptors.put(fd, file);
        if (old != null) {
            drop(old);
        }
    }

    /** close(fd): 0 or -EBADF. */
    public int close(int fd) {
        OpenFile file = descriptors.remove(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        drop(file);
        return 0;
    }

    /** dup(fd): the lowest free descriptor, referring to the same open file. */
    public int dup(int fd) {
        OpenFile file = descriptors.get(fd);
        return file == null ? -Errno.EBADF : install(file);
    }

    /** dup3(fd, to): {@code to} refers to fd's open file (closing what it referred to). */
    public int dup3(int fd, int to) {
        OpenFile file = descriptors.get(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        if (fd == to || to < 0 || to >= MAX_DESCRIPTORS) {
            return -Errno.EINVAL;
        }
        put(to, file);
        return to;
    }

    /** The child's table after fork: the same open files, one more reference each. */
    public FileTable copy() {
        FileTable child = new FileTable(references);
        descriptors.forEach(child::put);
        return child;
    }

    /** Closes every descriptor (the process is ending). */
    public void closeAll() {
        for (int fd : descriptors.keySet().toArray(new Integer[0])) {
            close(fd);
        }
    }

    public int size() {
        return descriptors.size();
    }

    private void drop(OpenFile file) {
        if (references.merge(file, -1, Integer::sum) <= 0) {
            references.remove(file);
            try {
                file.close();
            } catch (IOException ignored) {
                // nobody refers to the file any more: a failing close has no one to tell
            }
        }
    }
}
