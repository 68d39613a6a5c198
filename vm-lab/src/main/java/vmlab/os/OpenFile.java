package vmlab.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a file descriptor refers to (Linux's open file description): a host stream (stdin, stdout, stderr), a file of a
 * mounted {@link FileTree}, or an end of a {@link Pipe}. {@link #close()} is called once, when the last descriptor that
 * refers to it is closed (see {@link FileTable}).
 */
public interface OpenFile {
    /** What {@link #read} or {@link #write} return when the call has to wait (see {@link #waitQueue()}). */
    int WOULD_BLOCK = Integer.MIN_VALUE;

    /** Where a caller that got {@link #WOULD_BLOCK} waits for a change; null for files that never block. */
    default WaitQueue waitQueue() {
        return null;
    }
    /** Bytes read (0 at end of file), or a negative errno. */
    int read(byte[] into, int length) throws IOException;

    /** Bytes written, or a negative errno. */
    int write(byte[] from, int length) throws IOException;

    /** The new position, or a negative errno (ESPIPE for streams). */
    long seek(long offset, int whence) throws IOException;

    /** st_mode for fstat. */
    int mode();

    long size() throws IOException;

    void close() throws IOException;

    /** A host input stream: stdin. */
    static OpenFile input(InputStream in) {
        return new OpenFile() {
            public int read(byte[] into, int length) throws IOException {
                int n = in.read(into, 0, length);
                return Math.max(n, 0);
            }

            public int write(byte[] from, int length) {
                return -Errno.EBADF;
            }

            public long seek(long offset, int whence) {
                return -Errno.ESPIPE;
            }

            public int mode() {
                return 0020620; // a character device, like a terminal
            }

            public long size() {
                return 0;
            }

            public void close() {
            }
        };
    }

    /** A host output stream: stdout or stderr. */
    static OpenFile output(OutputStream out) {
        return new OpenFile() {
            public int read(byte[] into, int length) {
                return -Errno.EBADF;
            }

            public int write(byte[] from, int length) throws IOException {
                out.write(from, 0, length);
                out.flush();
                return length;
            }

            public long seek(long offset, int whence) {
                return -Errno.ESPIPE;
            }

            public int mode() {
                return 0020620;
            }

            public long size() {
                return 0;
            }

            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** A file in the lab directory, opened with the access the guest asked for. */
    static OpenFile file(FileChannel channel, boolean readable, boolean writable, boolean append) {
        return new OpenFile() {
            public int read(byte[] into, int length) throws IOException {
                if (!readable) {
                    return -Errno.EBADF;
                }
                int n = channel.read(ByteBuffer.wrap(into, 0, length));
                return Math.max(n, 0);
            }

            public int write(byte[] from, int length) throws IOException {
                if (!writable) {
                    return -Errno.EBADF;
                }
                if (append) {
                    channel.position(channel.size());
                }
                return channel.write(ByteBuffer.wrap(from, 0, length));
            }

            public long seek(long offset, int whence) throws IOException {
                long base = switch (whence) {
                    case 0 -> 0;
                    case 1 -> channel.position();
                    case 2 -> channel.size();
                    default -> -1;
                };
                if (base < 0 || base + offset < 0) {
                    return -Errno.EINVAL;
                }
                channel.position(base + offset);
                return base + offset;
            }

            public int mode() {
                return 0100644;
            }

            public long size() throws IOException {
                return channel.size();
            }

            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
