/* Quicksort of pseudo-random integers, then a check that the result is sorted.
   Usage: quicksort [count], default 20000. Exit status 1 if the result is not sorted. */
#include "guest.h"

static void quicksort(int32_t *a, long lo, long hi)
{
    while (lo < hi) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        /* Recurse into the smaller half, loop on the larger: the stack stays O(log n). */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

int main(int argc, char **argv)
{
    long n = size_argument(argc, argv, 1, 20000, 1, 10000000);
    int32_t *a = malloc((size_t)n * sizeof *a);
    if (!a) {
        printf("out of memory for %ld numbers\n", n);
        return 1;
    }
    uint32_t seed = 2463534242u;
    for (long i = 0; i < n; i++)
        a[i] = (int32_t)next_random(&seed);
    quicksort(a, 0, n - 1);
    uint32_t checksum = 0;
    int sorted = 1;
    for (long i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i])
            sorted = 0;
        checksum = checksum * 31 + (uint32_t)a[i];
    }
    printf("sorted %ld numbers: min %ld, median %ld, max %ld, checksum %08lx, %s\n", n, (long)a[0],
           (long)a[n / 2], (long)a[n - 1], (unsigned long)checksum, sorted ? "in order" : "NOT IN ORDER");
    free(a);
    return sorted ? 0 : 1;
}
