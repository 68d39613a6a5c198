package vmlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code System.out}, {@code System.err} and {@code System.in} to the cell that is running on the current thread
 * (and to the threads that cell starts), and everything else to the JVM's original streams.
 * <p>
 * Why per thread rather than swapping the streams for each cell: the headless runner runs kernels inside its own JVM,
 * and the kernel's own threads log; neither must end up in a notebook.
 */
final class StandardStreams {

    private static final InheritableThreadLocal<CellOutput> CELL = new InheritableThreadLocal<>();

    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static InputStream originalIn;

    private StandardStreams() {
    }

    /** Replaces the JVM's standard streams by routing ones, once. */
    static synchronized void install() {
        if (originalOut != null) {
            return;
        }
        originalOut = System.out;
        originalErr = System.err;
        originalIn = System.in;
        System.setOut(new PrintStream(new Routed(false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(true), true, StandardCharsets.UTF_8));
        System.setIn(new RoutedIn());
    }

    /** The JVM's standard error as it was before {@link #install()}: where the kernel's log goes. */
    static synchronized PrintStream originalErr() {
        return originalErr == null ? System.err : originalErr;
    }

    /** Cells started from this thread from now on write to {@code cell}. */
    static void bind(CellOutput cell) {
        CELL.set(cell);
    }

    static void unbind() {
        CELL.remove();
    }

    private static final class Routed extends OutputStream {
        private final boolean error;

        Routed(boolean error) {
            this.error = error;
        }

        private OutputStream original() {
            return error ? originalErr : originalOut;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CellOutput cell = CELL.get();
            if (cell != null) {
                cell.write(error, b, off, len);
            } else {
                original().write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (CELL.get() == null) {
                original().flush();
            }
        }
    }

    private static final class RoutedIn extends InputStream {
        private InputStream target() {
            CellOutput cell = CELL.get();
            return cell != null ? cell.stdin() : originalIn;
        }

        @Override
        public int read() throws IOException {
            return target().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return target().read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return target().available();
        }
    }
}
