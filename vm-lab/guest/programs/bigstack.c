/* A stack overflow, on purpose: recursion with 16 KiB frames and no end. A correct emulator turns it into a guest
   fault (qemu-riscv32 reports SIGSEGV), never a host crash. Usage: bigstack [depth], default: no limit. */
#include <string.h>
#include "guest.h"

static uint32_t descend(long depth, long limit)
{
    volatile unsigned char frame[16384];
    memset((void *)frame, (int)depth, sizeof frame);
    if (limit > 0 && depth >= limit)
        return frame[depth % sizeof frame];
    return descend(depth + 1, limit) + frame[0];
}

int main(int argc, char **argv)
{
    long limit = size_argument(argc, argv, 1, 0, 0, 1000000000);
    printf("descending %ld levels\n", limit);
    fflush(stdout);
    printf("sum %lu\n", (unsigned long)descend(1, limit));
    return 0;
}
