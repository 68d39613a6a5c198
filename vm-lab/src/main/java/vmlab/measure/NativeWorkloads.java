package vmlab.measure;

/**
 * The corpus benchmarks written in Java, the same algorithms as the C programs in {@code vm-lab/guest/programs}: the
 * "native" baseline, run by HotSpot straight on the host. Each returns a checksum so HotSpot cannot drop the work.
 */
final class NativeWorkloads {
    private NativeWorkloads() {
    }

    static long fib(int n) {
        return fibonacci(n);
    }

    private static int fibonacci(int n) {
        return Integer.compareUnsigned(n, 2) < 0 ? n : fibonacci(n - 1) + fibonacci(n - 2);
    }

    /** loop.c: add, decrement, branch. */
    static long loop(int n) {
        int count = n, sum = 0;
        do {
            sum += count;
            count--;
        } while (count != 0);
        return sum;
    }

    static long sieve(int limit) {
        byte[] composite = new byte[limit + 1];
        long count = 0, last = 0;
        for (int i = 2; i <= limit; i++) {
            if (composite[i] != 0) {
                continue;
            }
            count++;
            last = i;
            if (i > limit / i) {
                continue;
            }
            for (int j = i * i; j <= limit; j += i) {
                composite[j] = 1;
            }
        }
        return count * 31 + last;
    }

    private static int nextRandom(int[] state) {
        int x = state[0];
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return state[0] = x;
    }

    static long quicksort(int n) {
        int[] a = new int[n];
        int[] seed = {(int) 2463534242L};
        for (int i = 0; i < n; i++) {
            a[i] = nextRandom(seed);
        }
        sort(a, 0, n - 1);
        int checksum = 0;
        for (int v : a) {
            checksum = checksum * 31 + v;
        }
        return checksum;
    }

    private static void sort(int[] a, int lo, int hi) {
        while (lo < hi) {
            int pivot = a[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    int t = a[i]; a[i] = a[j]; a[j] = t;
                    i++; j--;
                }
            }
            if (j - lo < hi - i) {
                sort(a, lo, j);
                lo = i;
            } else {
                sort(a, i, hi);
                hi = j;
            }
        }
    }

    static long matmul(int n) {
        int[] a = new int[n * n], b = new int[n * n], c = new int[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (i * 7 + j * 3) % 19 - 9;
                b[i * n + j] = (i * 5 + j * 11) % 23 - 11;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = sum;
            }
        }
        int checksum = 0;
        for (int v : c) {
            checksum = Integer.rotateLeft(checksum, 5) ^ v;
        }
        return checksum;
    }

    static long crc32(int kib) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
            }
            table[i] = c;
        }
        int n = kib * 1024;
        byte[] data = new byte[n];
        int[] seed = {88172645};
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (nextRandom(seed) >>> 24);
        }
        int slow = ~0;
        for (byte b : data) {
            slow ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                slow = (slow >>> 1) ^ (0xEDB88320 & -(slow & 1));
            }
        }
        int fast = ~0;
        for (byte b : data) {
            fast = table[(fast ^ b) & 0xFF] ^ (fast >>> 8);
        }
        return (long) ~slow << 32 | (~fast & 0xFFFF_FFFFL);
    }
}
