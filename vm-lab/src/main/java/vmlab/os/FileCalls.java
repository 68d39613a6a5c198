package vmlab.os;

/** The system calls that change the tree of names rather than a file's bytes: mkdirat, unlinkat, chdir. */
final class FileCalls {
    private static final int AT_FDCWD = -100, AT_REMOVEDIR = 0x200;

    private FileCalls() {
    }

    static long call(LinuxProcess p, int number, int a0, int a1, int a2) {
        boolean atCall = number != SystemCalls.CHDIR;
        String path = p.memory.readString(atCall ? a1 : a0, 4096);
        if (path == null) {
            return -Errno.EFAULT;
        }
        if (atCall && !path.startsWith("/") && a0 != AT_FDCWD) {
            return -Errno.EINVAL; // directory descriptors are not supported
        }
        MountTable mounts = p.namespaces.mount();
        try {
            switch (number) {
                case SystemCalls.MKDIRAT -> mounts.makeDirectory(p.cwd, path);
                case SystemCalls.UNLINKAT -> {
                    FileTree.Kind kind = mounts.kind(p.cwd, path);
                    boolean directory = (a2 & AT_REMOVEDIR) != 0;
                    if (kind == FileTree.Kind.DIRECTORY && !directory) {
                        return -Errno.EISDIR;
                    }
                    if (kind == FileTree.Kind.FILE && directory) {
                        return -Errno.ENOTDIR;
                    }
                    mounts.remove(p.cwd, path);
                }
                default -> {
                    FileTree.Kind kind = mounts.kind(p.cwd, path);
                    if (kind == null) {
                        return -Errno.ENOENT;
                    }
                    if (kind != FileTree.Kind.DIRECTORY) {
                        return -Errno.ENOTDIR;
                    }
                    p.cwd = "/" + MountTable.normalize(p.cwd, path);
                }
            }
            return 0;
        } catch (VfsException e) {
            return -e.errno();
        }
    }
}
