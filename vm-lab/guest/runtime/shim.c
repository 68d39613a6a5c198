/*
 * The system-call shim: what picolibc needs from an operating system (read, write, open, lseek,
 * fstat, close, sbrk, _exit), each turned into a Linux ecall; and stdin/stdout/stderr as buffered
 * picolibc FILEs on file descriptors 0, 1 and 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio-bufio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "linux.h"

/* Linux returns -errno in a0; libc wants -1 with errno set. */
static long result(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

ssize_t read(int fd, void *buf, size_t n)
{
    return result(linux_syscall3(SYS_read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return result(linux_syscall3(SYS_write, fd, buf, n));
}

/* picolibc's O_ flags are newlib's, not Linux's. */
static long linux_open_flags(int flags)
{
    long f = flags & O_ACCMODE;
    if (flags & O_CREAT)  f |= LINUX_O_CREAT;
    if (flags & O_EXCL)   f |= LINUX_O_EXCL;
    if (flags & O_TRUNC)  f |= LINUX_O_TRUNC;
    if (flags & O_APPEND) f |= LINUX_O_APPEND;
    return f;
}

int open(const char *path, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    return (int)result(linux_syscall6(SYS_openat, LINUX_AT_FDCWD, (long)path, linux_open_flags(flags), mode, 0, 0));
}

int close(int fd)
{
    return (int)result(linux_syscall1(SYS_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
    int64_t wide = offset, position = 0;
    long r = linux_syscall5(SYS_llseek, fd, (long)(wide >> 32), (long)(uint32_t)wide, &position, whence);
    return r < 0 ? (off_t)result(r) : (off_t)position;
}

int fstat(int fd, struct stat *st)
{
    struct linux_stat64 ls;
    long r = linux_syscall2(SYS_fstat64, fd, &ls);
    if (r < 0)
        return (int)result(r);
    memset(st, 0, sizeof *st);
    st->st_mode = ls.st_mode;
    st->st_size = (off_t)ls.st_size;
    st->st_nlink = ls.st_nlink;
    st->st_blksize = ls.st_blksize;
    return 0;
}

int isatty(int fd)
{
    return fd <= 2;
}

pid_t getpid(void)
{
    return (pid_t)linux_syscall0(SYS_getpid);
}

int unlink(const char *path)
{
    (void)path;
    errno = ENOSYS;
    return -1;
}

int getentropy(void *buf, size_t n)
{
    long r = linux_syscall3(SYS_getrandom, buf, n, 0);
    return r == (long)n ? 0 : (int)result(r < 0 ? r : -EIO);
}

/* The heap grows with brk; the kernel answers the current break when asked for 0. */
void *sbrk(ptrdiff_t increment)
{
    static char *brk_now;
    if (!brk_now)
        brk_now = (char *)linux_syscall1(SYS_brk, 0);
    char *old = brk_now;
    if (increment == 0)
        return old;
    char *want = old + increment;
    char *got = (char *)linux_syscall1(SYS_brk, want);
    if (got != want) {
        errno = ENOMEM;
        return (void *)-1;
    }
    brk_now = got;
    return old;
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
    struct linux_timespec64 t;
    long r = linux_syscall2(SYS_clock_gettime64, clock, &t);
    if (r < 0)
        return (int)result(r);
    ts->tv_sec = (time_t)t.tv_sec;
    ts->tv_nsec = (long)t.tv_nsec;
    return 0;
}

void _exit(int status)
{
    for (;;)
        linux_syscall1(SYS_exit, status);
}

/* Buffered standard streams: few write calls, so system-call counts measure the program, not printf. */
static char stdin_buf[256], stdout_buf[1024], stderr_buf[64];
static struct __file_bufio stdin_file =
    FDEV_SETUP_BUFIO(0, stdin_buf, sizeof stdin_buf, read, write, lseek, close, __SRD, 0);
static struct __file_bufio stdout_file =
    FDEV_SETUP_BUFIO(1, stdout_buf, sizeof stdout_buf, read, write, lseek, close, __SWR, 0);
static struct __file_bufio stderr_file =
    FDEV_SETUP_BUFIO(2, stderr_buf, sizeof stderr_buf, read, write, lseek, close, __SWR, __BLBF);
FILE *const stdin = &stdin_file.xfile.cfile.file;
FILE *const stdout = &stdout_file.xfile.cfile.file;
FILE *const stderr = &stderr_file.xfile.cfile.file;

static void flush_standard_streams(void)
{
    fflush(stdout);
    fflush(stderr);
}

int main(int argc, char **argv);
extern char **environ;
extern void __libc_init_array(void);

void __vmlab_start(int argc, char **argv, char **envp)
{
    environ = envp;
    __libc_init_array();
    atexit(flush_standard_streams);
    exit(main(argc, argv));
}
