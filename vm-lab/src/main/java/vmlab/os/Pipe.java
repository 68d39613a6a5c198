package vmlab.os;

/**
 * A pipe: a 64 KiB buffer in the kernel with a read end and a write end. Reading an empty pipe waits while some write end
 * is open and gives end of file once none is; writing to a full pipe waits; writing when no read end is open fails with
 * EPIPE (Linux also sends SIGPIPE, whose default action would end the writer; the lab returns the error only).
 */
public final class Pipe {
    public static final int CAPACITY = 65536;
    private final byte[] buffer = new byte[CAPACITY];
    private int start, length;
    private int readers, writers;
    private final WaitQueue changes = new WaitQueue();

    private Pipe() {
    }

    /** A new pipe's two ends, read end first: what {@code pipe2} puts in fds[0] and fds[1]. */
    public static OpenFile[] open() {
        Pipe p = new Pipe();
        p.readers = 1;
        p.writers = 1;
        return new OpenFile[] {p.new ReadEnd(), p.new WriteEnd()};
    }

    private abstract class End implements OpenFile {
        @Override
        public long seek(long offset, int whence) {
            return -Errno.ESPIPE;
        }

        @Override
        public int mode() {
            return 0010600; // S_IFIFO
        }

        @Override
        public long size() {
            return length;
        }

        @Override
        public WaitQueue waitQueue() {
            return changes;
        }
    }

    private final class ReadEnd extends End {
        @Override
        public int read(byte[] into, int count) {
            if (count == 0) {
                return 0;
            }
            if (length == 0) {
                return writers == 0 ? 0 : WOULD_BLOCK;
            }
            int n = Math.min(count, length);
            for (int k = 0; k < n; k++) {
                into[k] = buffer[(start + k) % CAPACITY];
            }
            start = (start + n) % CAPACITY;
            length -= n;
            changes.wakeAll(); // room for writers
            return n;
        }

        @Override
        public int write(byte[] from, int count) {
            return -Errno.EBADF;
        }

        @Override
        public void close() {
            readers--;
            changes.wakeAll();
        }
    }

    private final class WriteEnd extends End {
        @Override
        public int read(byte[] into, int count) {
            return -Errno.EBADF;
        }

        @Override
        public int write(byte[] from, int count) {
            if (readers == 0) {
                return -Errno.EPIPE;
            }
            if (count == 0) {
                return 0;
            }
            if (length == CAPACITY) {
                return WOULD_BLOCK;
            }
            int n = Math.min(count, CAPACITY - length);
            for (int k = 0; k < n; k++) {
                buffer[(start + length + k) % CAPACITY] = from[k];
            }
            length += n;
            changes.wakeAll(); // data for readers
            return n;
        }

        @Override
        public void close() {
            writers--;
            changes.wakeAll();
        }
    }
}
