package vmlab.measure;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * One benchmark: a corpus program with its size argument (full run, quick run, and a smaller one for the slow reference
 * interpreter) and the same algorithm in Java as the native baseline.
 */
public record Workload(String name, String program, int fullSize, int quickSize, int referenceSize,
                       IntToLongFunction nativeVersion) {

    /** The corpus benchmarks: call-heavy, loop-heavy, memory-bound, multiply-heavy, byte-and-table code. */
    public static List<Workload> corpus() {
        return List.of(
                new Workload("fib", "fib", 32, 27, 22, NativeWorkloads::fib),
                new Workload("loop", "loop", 200_000_000, 20_000_000, 1_000_000, NativeWorkloads::loop),
                new Workload("sieve", "sieve", 4_000_000, 500_000, 100_000, NativeWorkloads::sieve),
                new Workload("quicksort", "quicksort", 300_000, 50_000, 10_000, NativeWorkloads::quicksort),
                new Workload("matmul", "matmul", 160, 64, 32, NativeWorkloads::matmul),
                new Workload("crc32", "crc32", 1024, 128, 16, NativeWorkloads::crc32));
    }

    int size(boolean quick) {
        return quick ? quickSize : fullSize;
    }
}
