/* Integer matrix multiply C = A x B: nested loops with multiplies. Usage: matmul [n], default 64. */
#include "guest.h"

int main(int argc, char **argv)
{
    long n = size_argument(argc, argv, 1, 64, 1, 1000);
    int32_t *a = malloc((size_t)(n * n) * sizeof(int32_t));
    int32_t *b = malloc((size_t)(n * n) * sizeof(int32_t));
    int32_t *c = malloc((size_t)(n * n) * sizeof(int32_t));
    if (!a || !b || !c) {
        printf("out of memory for three %ldx%ld matrices\n", n, n);
        return 1;
    }
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            a[i * n + j] = (int32_t)((i * 7 + j * 3) % 19) - 9;
            b[i * n + j] = (int32_t)((i * 5 + j * 11) % 23) - 11;
        }
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            int32_t sum = 0;
            for (long k = 0; k < n; k++)
                sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    int64_t trace = 0;
    uint32_t checksum = 0;
    for (long i = 0; i < n; i++) {
        trace += c[i * n + i];
        for (long j = 0; j < n; j++)
            checksum = (checksum << 5 | checksum >> 27) ^ (uint32_t)c[i * n + j];
    }
    printf("%ldx%ld matrix product: trace %lld, c[0][n-1] %ld, checksum %08lx\n", n, n, (long long)trace,
           (long)c[n - 1], (unsigned long)checksum);
    return 0;
}
