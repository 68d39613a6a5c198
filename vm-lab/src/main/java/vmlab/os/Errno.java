package vmlab.os;

/** Linux error numbers a system call returns negated in a0. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, EBADF = 9, ENOMEM = 12, EACCES = 13, EFAULT = 14,
            EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, EMFILE = 24, ENOTTY = 25, ESPIPE = 29, ENOSYS = 38,
            ENODEV = 19;

    private Errno() {
    }
}
