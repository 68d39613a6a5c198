/* A tight loop of three instructions (the JIT benchmark's best case): add, decrement, branch.
   Usage: loop [iterations], default 1000000. */
#include "guest.h"

int main(int argc, char **argv)
{
    uint32_t n = (uint32_t)size_argument(argc, argv, 1, 1000000, 1, 2000000000);
    uint32_t count = n, sum = 0;
    __asm__ volatile("1: add %1, %1, %0\n"
                     "   addi %0, %0, -1\n"
                     "   bnez %0, 1b\n"
                     : "+r"(count), "+r"(sum));
    printf("loop of %lu iterations: sum %lu\n", (unsigned long)n, (unsigned long)sum);
    return 0;
}
