/* Self-modifying code, the JIT's hard case: a code page rewritten in a loop (each version adds a different number,
   made visible to instruction fetch with fence.i), and calls into the middle of a run of straight-line code.
   Usage: selfmod [rewrites], default 1000. */
#include "guest.h"
#include "linux.h"

#define PROT_RWX 7
#define MAP_PRIVATE_ANONYMOUS 0x22

/* The I-type instruction addi rd, rs1, imm. */
static uint32_t addi(unsigned rd, unsigned rs1, int imm)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | 0u << 12 | rd << 7 | 0x13;
}

#define A0 10
#define RET 0x00008067u /* jalr x0, 0(ra) */

typedef uint32_t (*function)(uint32_t);

int main(int argc, char **argv)
{
    long rewrites = size_argument(argc, argv, 1, 1000, 0, 100000000);
    long page = linux_syscall6(SYS_mmap2, 0, 4096, PROT_RWX, MAP_PRIVATE_ANONYMOUS, -1, 0);
    if (page < 0 && page > -4096) {
        printf("mmap2 of an executable page failed: %ld\n", page);
        return 1;
    }
    volatile uint32_t *code = (volatile uint32_t *)page;

    /* 1. Rewrite the same function again and again; every call must run the newest version. */
    uint32_t sum = 0;
    for (long i = 0; i < rewrites; i++) {
        code[0] = addi(A0, A0, (int)(i % 2000) - 1000);
        code[1] = RET;
        __asm__ volatile("fence.i" ::: "memory");
        sum = ((function)page)(sum);
    }
    printf("%ld rewrites: sum %lu\n", rewrites, (unsigned long)sum);

    /* 2. One straight run of four adds, entered at each of its instructions. */
    code[0] = addi(A0, A0, 1);
    code[1] = addi(A0, A0, 10);
    code[2] = addi(A0, A0, 100);
    code[3] = addi(A0, A0, 1000);
    code[4] = RET;
    __asm__ volatile("fence.i" ::: "memory");
    for (int entry = 0; entry < 4; entry++) {
        function f = (function)(page + 4 * entry);
        printf("entering at instruction %d: %lu %lu\n", entry, (unsigned long)f(0), (unsigned long)f(f(0)));
    }

    /* 3. The code changes its own next instruction: the store must be seen after fence.i. */
    code[0] = addi(A0, A0, 7);
    code[1] = RET;
    __asm__ volatile("fence.i" ::: "memory");
    uint32_t before = ((function)page)(0);
    code[0] = addi(A0, A0, -7);
    __asm__ volatile("fence.i" ::: "memory");
    uint32_t after = ((function)page)(0);
    printf("patched in place: %ld then %ld\n", (long)(int32_t)before, (long)(int32_t)after);
    return before == 7 && after == (uint32_t)-7 ? 0 : 1;
}
