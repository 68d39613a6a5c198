package vmlab.os;

/** How a file is opened: the access and creation bits of Linux's {@code open} flags. */
public record OpenRequest(boolean read, boolean write, boolean create, boolean exclusive, boolean truncate,
                          boolean append) {
    public static final OpenRequest READ = new OpenRequest(true, false, false, false, false, false);
    public static final OpenRequest CREATE = new OpenRequest(false, true, true, false, true, false);

    /** From Linux {@code O_*} flags (RV32 values: O_CREAT 0100, O_EXCL 0200, O_TRUNC 01000, O_APPEND 02000). */
    public static OpenRequest linux(int flags) {
        int access = flags & 3;
        boolean create = (flags & 0x40) != 0;
        return new OpenRequest(access != 1, access != 0 || create, create, (flags & 0x80) != 0,
                (flags & 0x200) != 0 && access != 0, (flags & 0x400) != 0);
    }

    /** True if the open can change the file (write access, creation or truncation). */
    public boolean changes() {
        return write || create || truncate;
    }
}
