/* The capstone's overhead ladder: the two workloads that are not pure computation (fib is the CPU-bound one).
   Usage: ladder sys N   N getpid system calls, each a full round trip into the kernel and back;
          ladder io N    N writes of a 4 KiB block to standard output (the console device).
   Both print the same few lines whatever answers the calls: a Linux host kernel, a container's shared kernel, or a
   small guest kernel under a hypervisor (which may answer getpid with ENOSYS), so every rung of the ladder can be
   checked to have run the same program to the same output. */
#include <string.h>
#include "guest.h"
#include "linux.h"

#define BLOCK 4096

static char block[BLOCK];

static void say(const char *text)
{
    linux_syscall3(SYS_write, 1, text, strlen(text));
}

static void say_count(const char *before, long count, const char *after)
{
    char line[96];
    snprintf(line, sizeof line, "%s%ld%s", before, count, after);
    say(line);
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "sys") != 0 && strcmp(argv[1], "io") != 0)) {
        say("usage: ladder sys|io [count]\n");
        return EXIT_USAGE;
    }
    long count = size_argument(argc, argv, 2, 1000, 0, 10000000);
    if (strcmp(argv[1], "sys") == 0) {
        for (long i = 0; i < count; i++)
            linux_syscall0(SYS_getpid); /* the answer differs between kernels; the round trip is the work */
        say_count("ladder sys: ", count, " system calls made\n");
        return 0;
    }
    /* 64 lines of 64 bytes: 63 letters, each line shifted by one, and a newline. */
    for (int i = 0; i < BLOCK; i++)
        block[i] = (i % 64 == 63) ? '\n' : (char)('a' + (i / 64 + i % 64) % 26);
    long written = 0;
    for (long i = 0; i < count; i++)
        written += linux_syscall3(SYS_write, 1, block, BLOCK);
    say_count("ladder io: ", written, " bytes written\n");
    return written == count * BLOCK ? 0 : 1;
}
