/* An interactive job, as a user at a terminal runs it: reads one command per line from stdin and answers each at once
   (the time-sharing lesson's users type these). Commands: `fib N`, `primes N`, `sort N`, `echo TEXT`, `quit`.
   Exit status: 0 after quit or end of input, 1 if any command was not understood. */
#include <string.h>
#include "guest.h"

static unsigned fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static long count_primes(long limit)
{
    long count = 0;
    for (long n = 2; n <= limit; n++) {
        int prime = 1;
        for (long d = 2; d * d <= n; d++)
            if (n % d == 0) {
                prime = 0;
                break;
            }
        count += prime;
    }
    return count;
}

/* Insertion sort of n pseudo-random numbers: quadratic on purpose, so a big n is a long job. */
static uint32_t sort_checksum(long n)
{
    static uint32_t a[4096];
    uint32_t seed = 12345u, checksum = 0;
    if (n > 4096)
        n = 4096;
    for (long i = 0; i < n; i++) {
        uint32_t v = next_random(&seed), j = (uint32_t)i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
    for (long i = 0; i < n; i++)
        checksum = checksum * 31 + a[i];
    return checksum;
}

int main(int argc, char **argv)
{
    char line[256];
    int not_understood = 0;
    long commands = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *argument = strchr(line, ' ');
        if (argument)
            *argument++ = '\0';
        long n = argument ? strtol(argument, NULL, 0) : 0;
        commands++;
        if (strcmp(line, "quit") == 0) {
            break;
        } else if (strcmp(line, "fib") == 0 && n >= 0 && n <= 40) {
            printf("fib(%ld) = %u\n", n, fib((unsigned)n));
        } else if (strcmp(line, "primes") == 0 && n >= 0) {
            printf("%ld primes up to %ld\n", count_primes(n), n);
        } else if (strcmp(line, "sort") == 0 && n >= 0) {
            printf("sorted %ld numbers, checksum %08lx\n", n > 4096 ? 4096 : n, (unsigned long)sort_checksum(n));
        } else if (strcmp(line, "echo") == 0) {
            printf("%s\n", argument ? argument : "");
        } else if (line[0] != '\0') {
            printf("?? %s (try fib N, primes N, sort N, echo TEXT, quit)\n", line);
            not_understood = 1;
        }
        fflush(stdout); /* answer now: the user is waiting at the terminal */
    }
    printf("%ld commands, bye\n", commands);
    return not_understood;
}
