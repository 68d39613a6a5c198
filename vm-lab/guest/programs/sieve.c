/* Sieve of Eratosthenes over a heap array: memory-bound loops. Usage: sieve [limit], default 200000. */
#include <string.h>
#include "guest.h"

int main(int argc, char **argv)
{
    long limit = size_argument(argc, argv, 1, 200000, 2, 50000000);
    unsigned char *composite = malloc((size_t)limit + 1);
    if (!composite) {
        printf("out of memory for %ld bytes\n", limit + 1);
        return 1;
    }
    memset(composite, 0, (size_t)limit + 1);
    long count = 0, last = 0;
    for (long i = 2; i <= limit; i++) {
        if (composite[i])
            continue;
        count++;
        last = i;
        if (i > limit / i)
            continue; /* i * i would pass the limit (and overflow 32 bits) */
        for (long j = i * i; j <= limit; j += i)
            composite[j] = 1;
    }
    printf("primes up to %ld: %ld, largest %ld\n", limit, count, last);
    free(composite);
    return 0;
}
