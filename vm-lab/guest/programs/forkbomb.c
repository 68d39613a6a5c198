/* A bounded fork bomb: every process forks two children until the tree is `depth` levels deep, so depth d
   means 2^(d+1) - 1 processes, and each waits for its children. A fork that fails (EAGAIN at a container's
   pids.max) is counted, not retried. Usage: forkbomb [depth], default 5. Exit status 0 if every fork
   succeeded, else 1. */
#include "guest.h"
#include "linux.h"

/* Runs one node of the tree; returns how many processes its subtree had (itself included), at most 255. */
static long node(long depth)
{
    long count = 1;
    long children[2] = { -1, -1 };
    for (int c = 0; c < 2 && depth > 0; c++) {
        long pid = linux_fork();
        if (pid == 0) {
            long below = node(depth - 1);
            linux_syscall1(SYS_exit, (int)(below > 255 ? 255 : below));
        }
        children[c] = pid;
    }
    for (int c = 0; c < 2; c++) {
        int status = 0;
        if (children[c] > 0 && linux_wait(children[c], &status) == children[c]
            && LINUX_WIFEXITED(status))
            count += LINUX_WEXITSTATUS(status);
    }
    return count;
}

int main(int argc, char **argv)
{
    long depth = size_argument(argc, argv, 1, 5, 0, 30);
    fflush(stdout);
    long expected = depth >= 7 ? 255 : (2L << depth) - 1;
    long started = node(depth);
    printf("processes started: %ld of %ld%s\n", started, expected, depth >= 7 ? " (counts stop at 255)" : "");
    return started == expected ? 0 : 1;
}
