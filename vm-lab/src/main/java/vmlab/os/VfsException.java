package vmlab.os;

/** A file operation the VFS refuses, with the Linux errno a system call returns for it and a message for people. */
public final class VfsException extends Exception {
    private final int errno;

    public VfsException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** The positive Linux error number (ENOENT, EROFS, ...). */
    public int errno() {
        return errno;
    }
}
