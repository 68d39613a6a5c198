/* A system-call-heavy program: many small writes, brk, getpid, clock_gettime, anonymous mmap, and file I/O
   (openat, write, lseek, read, fstat, close) on a file in the current (lab) directory.
   Usage: syscalls [writes], default 2000. Prints only what is the same on every run; exit status = failed checks. */
#include <string.h>
#include "guest.h"
#include "linux.h"

static int failures;

static void check(const char *what, int ok)
{
    char line[96];
    int n = snprintf(line, sizeof line, "%-40s %s\n", what, ok ? "ok" : "FAILED");
    linux_syscall3(SYS_write, 1, line, n);
    if (!ok)
        failures++;
}

int main(int argc, char **argv)
{
    long writes = size_argument(argc, argv, 1, 2000, 0, 10000000);

    /* Small writes straight to fd 1: one system call each, no stdio buffering. */
    long written = 0;
    for (long i = 0; i < writes; i++)
        written += linux_syscall3(SYS_write, 1, (i % 64 == 63) ? "\n" : ".", 1);
    if (writes % 64)
        linux_syscall3(SYS_write, 1, "\n", 1);
    check("small writes all succeeded", written == writes);

    long pid = linux_syscall0(SYS_getpid);
    check("getpid is positive", pid > 0);
    check("getpid is stable", linux_syscall0(SYS_getpid) == pid);

    char *start = (char *)linux_syscall1(SYS_brk, 0);
    char *grown = (char *)linux_syscall1(SYS_brk, start + 65536);
    check("brk grows the heap by 64 KiB", grown == start + 65536);
    memset(start, 0x5a, 65536);
    check("new heap memory is writable", start[65535] == 0x5a && start[0] == 0x5a);
    check("brk shrinks the heap back", (char *)linux_syscall1(SYS_brk, start) == start);

    struct linux_timespec64 t0, t1;
    long c0 = linux_syscall2(SYS_clock_gettime64, LINUX_CLOCK_MONOTONIC, &t0);
    for (volatile int spin = 0; spin < 1000; spin++)
        ;
    long c1 = linux_syscall2(SYS_clock_gettime64, LINUX_CLOCK_MONOTONIC, &t1);
    check("clock_gettime64(MONOTONIC) succeeds", c0 == 0 && c1 == 0);
    check("monotonic clock does not go back",
          t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec));
    check("nanoseconds below one second", t0.tv_nsec >= 0 && t0.tv_nsec < 1000000000);
    struct linux_timespec64 wall;
    check("realtime clock is after 2020",
          linux_syscall2(SYS_clock_gettime64, LINUX_CLOCK_REALTIME, &wall) == 0 && wall.tv_sec > 1577836800);

    long map = linux_syscall6(SYS_mmap2, 0, 65536, 3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|ANON */, -1, 0);
    check("mmap2 gives anonymous memory", map > 0 && (map & 0xfff) == 0);
    if (map > 0) {
        int *words = (int *)map;
        check("anonymous memory starts zeroed", words[0] == 0 && words[16383] == 0);
        words[100] = 42;
        check("anonymous memory is writable", words[100] == 42);
        check("munmap succeeds", linux_syscall2(SYS_munmap, map, 65536) == 0);
    }

    check("sched_yield succeeds", linux_syscall0(SYS_sched_yield) == 0);
    char random[16];
    check("getrandom fills 16 bytes", linux_syscall3(SYS_getrandom, random, sizeof random, 0) == 16);

    /* File I/O in the lab directory. */
    static const char name[] = "syscalls-test.txt";
    static const char text[] = "time-sharing, emulators, hypervisors, containers\n";
    long fd = linux_syscall6(SYS_openat, LINUX_AT_FDCWD, (long)name, LINUX_O_RDWR | LINUX_O_CREAT | LINUX_O_TRUNC,
                             0644, 0, 0);
    check("openat creates a file", fd >= 3);
    for (int i = 0; i < 10; i++)
        linux_syscall3(SYS_write, fd, text, sizeof text - 1);
    struct linux_stat64 st;
    check("fstat succeeds", linux_syscall2(SYS_fstat64, fd, &st) == 0);
    check("fstat size is 10 lines", st.st_size == 10 * (long)(sizeof text - 1));
    check("fstat says regular file", (st.st_mode & 0170000) == 0100000);
    int64_t position = -1;
    long r = linux_syscall5(SYS_llseek, fd, 0, 14, &position, 0 /* SEEK_SET */);
    check("llseek to byte 14", r == 0 && position == 14);
    char buf[32] = { 0 };
    check("read 9 bytes", linux_syscall3(SYS_read, fd, buf, 9) == 9);
    check("read the right bytes", memcmp(buf, "emulators", 9) == 0);
    r = linux_syscall5(SYS_llseek, fd, 0, 0, &position, 2 /* SEEK_END */);
    check("llseek to end gives the size", r == 0 && position == st.st_size);
    check("read at end gives 0", linux_syscall3(SYS_read, fd, buf, sizeof buf) == 0);
    check("close succeeds", linux_syscall1(SYS_close, fd) == 0);
    check("close again fails with EBADF", linux_syscall1(SYS_close, fd) == -9);
    check("opening a missing file fails with ENOENT",
          linux_syscall6(SYS_openat, LINUX_AT_FDCWD, (long)"no-such-file", LINUX_O_RDONLY, 0, 0, 0) == -2);

    /* The same through picolibc's stdio, which reaches the kernel through our shim. */
    FILE *f = fopen(name, "r");
    check("fopen reads the file back", f != NULL);
    if (f) {
        char line[64];
        int lines = 0;
        while (fgets(line, sizeof line, f))
            lines += strcmp(line, text) == 0;
        fclose(f);
        check("fgets sees 10 equal lines", lines == 10);
    }

    check("unknown system call gives ENOSYS", linux_syscall0(4000) == -LINUX_ENOSYS);

    /* Tidy up the lab directory. unlinkat is not part of the lab machine's required set, so its result is not checked. */
    linux_syscall3(SYS_unlinkat, LINUX_AT_FDCWD, name, 0);

    printf("%d failed checks\n", failures);
    return failures;
}
