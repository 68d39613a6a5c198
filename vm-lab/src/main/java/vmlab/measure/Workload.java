package vmlab.measure;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * One benchmark: a corpus program with its size argument (full run, quick run, and a smaller one for the slow reference
 * interpreter) and the same algorithm in Java as the native baseline.
 */
public record Workload(String name, String program, int fullSize, int quickSize, int referenceSize,
                       IntToLongFunction nativeVersion) {

    /**
     * The corpus benchmarks: call-heavy, loop-heavy, memory-bound, multiply-heavy, byte-and-table code. Full sizes give
     * qemu-riscv32 0.2 to 0.5 seconds each: long enough that its start-up (about 5 ms) and the JIT's warm-up do not
     * decide the ratios, and arrays big enough (sieve 40 MB, quicksort 12 MB) to need many pages, as real programs do.
     */
    public static List<Workload> corpus() {
        return List.of(
                new Workload("fib", "fib", 35, 27, 22, NativeWorkloads::fib),
                new Workload("loop", "loop", 400_000_000, 20_000_000, 1_000_000, NativeWorkloads::loop),
                new Workload("sieve", "sieve", 40_000_000, 500_000, 100_000, NativeWorkloads::sieve),
                new Workload("quicksort", "quicksort", 3_000_000, 50_000, 10_000, NativeWorkloads::quicksort),
                new Workload("matmul", "matmul", 512, 64, 32, NativeWorkloads::matmul),
                new Workload("crc32", "crc32", 12_288, 128, 16, NativeWorkloads::crc32));
    }

    int size(boolean quick) {
        return quick ? quickSize : fullSize;
    }
}
