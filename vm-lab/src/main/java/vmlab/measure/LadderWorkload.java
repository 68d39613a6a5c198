package vmlab.measure;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * One workload of the overhead ladder: a corpus program with its arguments, which every guest rung runs, and the same
 * work in Java for the native rung. Each prints (or, natively, returns) the same transcript, so a rung that ran something
 * else is caught.
 *
 * <ul>
 *   <li>{@link #cpu}: {@code fib n}, user-mode arithmetic, hardly a system call;</li>
 *   <li>{@link #systemCalls}: {@code ladder sys n}, n getpid calls, each a round trip into the kernel and back. Natively
 *   each is a real Linux {@code write(2)} of one byte to {@code /dev/null}: Java has no getpid that reaches the kernel
 *   every time, and a one-byte write is the cheapest system call it can make without native code;</li>
 *   <li>{@link #io}: {@code ladder io n}, n writes of a 4 KiB block to standard output (the console device). Natively the
 *   blocks are written to {@code /dev/null} with real system calls.</li>
 * </ul>
 */
public record LadderWorkload(String kind, String program, List<String> arguments, Supplier<String> nativeRun) {
    static final int BLOCK = 4096;

    /** CPU-bound: {@code fib(n)} (fib 24: about 2.2 million guest instructions). */
    public static LadderWorkload cpu(int n) {
        return new LadderWorkload("CPU-bound", "fib", List.of(String.valueOf(n)),
                () -> "fib(" + n + ") = " + NativeWorkloads.fib(n) + "\n");
    }

    /** System-call-bound: {@code calls} system calls in a loop. */
    public static LadderWorkload systemCalls(int calls) {
        return new LadderWorkload("system-call-bound", "ladder", List.of("sys", String.valueOf(calls)), () -> {
            try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
                for (int i = 0; i < calls; i++) {
                    devNull.write('.');           // FileOutputStream is unbuffered: one write(2) per byte
                }
            } catch (IOException e) {
                throw new UncheckedIOException("native system calls on /dev/null failed", e);
            }
            return "ladder sys: " + calls + " system calls made\n";
        });
    }

    /** I/O-bound: {@code blocks} writes of 4 KiB to the console. */
    public static LadderWorkload io(int blocks) {
        return new LadderWorkload("I/O-bound", "ladder", List.of("io", String.valueOf(blocks)), () -> {
            byte[] block = block();
            StringBuilder transcript = new StringBuilder(blocks * BLOCK + 40);
            String text = new String(block, java.nio.charset.StandardCharsets.US_ASCII);
            try (FileOutputStream devNull = new FileOutputStream("/dev/null")) {
                for (int i = 0; i < blocks; i++) {
                    devNull.write(block);
                    transcript.append(text);      // what a console would have shown, kept as the guests' consoles keep it
                }
            } catch (IOException e) {
                throw new UncheckedIOException("native writes to /dev/null failed", e);
            }
            return transcript.append("ladder io: ").append((long) blocks * BLOCK).append(" bytes written\n").toString();
        });
    }

    /** The three workloads at the sizes the lesson uses: a few million guest instructions each. */
    public static List<LadderWorkload> standard() {
        return List.of(cpu(24), systemCalls(20_000), io(256));
    }

    /** Smaller sizes for tests and a quick look. */
    public static List<LadderWorkload> small() {
        return List.of(cpu(18), systemCalls(2_000), io(16));
    }

    /** The command line a guest runs: program and arguments. */
    public List<String> argv() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(program), arguments.stream()).toList();
    }

    /** "fib 24", "ladder sys 20000". */
    public String command() {
        return String.join(" ", argv());
    }

    /** ladder.c's block: 64 lines of 63 letters, each line shifted by one, and a newline. */
    static byte[] block() {
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            block[i] = (byte) (i % 64 == 63 ? '\n' : 'a' + (i / 64 + i % 64) % 26);
        }
        return block;
    }

    @Override
    public String toString() {
        return kind + " (" + command() + ")";
    }
}
