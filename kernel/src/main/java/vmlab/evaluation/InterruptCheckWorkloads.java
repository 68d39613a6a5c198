package vmlab.evaluation;

/**
 * Tight loops of the kind students write in cells, for {@link InterruptCheckBenchmark}: it runs this class once as
 * compiled and once woven by {@link InterruptCheckWeaver}, so the only difference is the checks.
 */
final class InterruptCheckWorkloads {

    private InterruptCheckWorkloads() {
    }

    /** A counted loop with a data dependence, so the JIT cannot replace it by a formula. */
    static long mix(long n) {
        long h = 1;
        for (int i = 0; i < n; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    /** Nested loops over an array: the sieve of Eratosthenes, counted. */
    static long sieve(long n) {
        boolean[] composite = new boolean[(int) n + 1];
        long primes = 0;
        for (int i = 2; i <= n; i++) {
            if (!composite[i]) {
                primes++;
                for (long j = (long) i * i; j <= n; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return primes;
    }

    /** A method call per step and no loop: only the method-entry checks. */
    static long fib(long n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
