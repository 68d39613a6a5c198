/* What every corpus program shares: a size taken from argv with a default, and a checksum to print. */
#ifndef VMLAB_GUEST_H
#define VMLAB_GUEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Exit status of a program given a malformed argument, as shells use it for usage errors. */
#define EXIT_USAGE 2

/* argv[index] as a number in [min, max], or the default when absent; anything else is a usage error. */
static inline long size_argument(int argc, char **argv, int index, long fallback, long min, long max)
{
    if (index >= argc)
        return fallback;
    char *end;
    long value = strtol(argv[index], &end, 0);
    if (*argv[index] == '\0' || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "%s: argument %d must be a number from %ld to %ld, not '%s'\n",
                argv[0], index, min, max, argv[index]);
        exit(EXIT_USAGE);
    }
    return value;
}

/* A small deterministic generator (xorshift32), so inputs are the same under every emulator. */
static inline uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

#endif
