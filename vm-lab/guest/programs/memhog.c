/* A memory hog: grows its heap one MiB at a time and touches every page, reporting each MiB as it goes.
   Usage: memhog [MiB], default 8. Under a memory limit (a container's memory.max) the OOM killer ends it
   part way with SIGKILL; without one it prints "done" and exits with 0. */
#include <string.h>
#include "guest.h"
#include "linux.h"

int main(int argc, char **argv)
{
    long mib = size_argument(argc, argv, 1, 8, 0, 1024);
    char *start = (char *)linux_syscall1(SYS_brk, 0);
    for (long m = 1; m <= mib; m++) {
        char *want = start + (m << 20);
        if ((char *)linux_syscall1(SYS_brk, want) != want) {
            printf("brk refused the %ldth MiB\n", m);
            return 1;
        }
        for (char *page = want - (1 << 20); page < want; page += 4096)
            *page = (char)m; /* the first touch of each page is what costs a frame */
        char line[48];
        int length = snprintf(line, sizeof line, "allocated %ld MiB\n", m);
        linux_syscall3(SYS_write, 1, line, length); /* unbuffered: what was printed survives a SIGKILL */
    }
    printf("done\n");
    return 0;
}
