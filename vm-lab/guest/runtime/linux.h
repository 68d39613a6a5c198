/*
 * The Linux RV32 system-call interface, as qemu-riscv32 and a real rv32 kernel see it.
 *
 * rv32 Linux only has the 64-bit-time and 64-bit-offset variants of some calls: number 62 is
 * _llseek (offset split in two words, result through a pointer), 80 is fstat64, 222 is mmap2 and
 * the clock is clock_gettime64 (403). The 32-bit-time numbers (113, 169) give -ENOSYS there.
 */
#ifndef VMLAB_LINUX_H
#define VMLAB_LINUX_H

#include <stdint.h>

#define SYS_dup             23
#define SYS_dup3            24
#define SYS_mkdirat         34
#define SYS_unlinkat        35
#define SYS_chdir           49
#define SYS_openat          56
#define SYS_close           57
#define SYS_pipe2           59
#define SYS_llseek          62
#define SYS_read            63
#define SYS_write           64
#define SYS_fstat64         80
#define SYS_exit            93
#define SYS_exit_group      94
#define SYS_waitid          95
#define SYS_nanosleep      101
#define SYS_sched_yield    124
#define SYS_kill           129
#define SYS_uname          160
#define SYS_sethostname    161
#define SYS_getpid         172
#define SYS_getppid        173
#define SYS_getuid         174
#define SYS_brk            214
#define SYS_munmap         215
#define SYS_clone          220
#define SYS_execve         221
#define SYS_mmap2          222
#define SYS_wait4          260
#define SYS_getrandom      278
#define SYS_clock_gettime64 403

#define LINUX_AT_FDCWD   (-100)
#define LINUX_O_RDONLY   00
#define LINUX_O_WRONLY   01
#define LINUX_O_RDWR     02
#define LINUX_O_CREAT    0100
#define LINUX_O_EXCL     0200
#define LINUX_O_TRUNC    01000
#define LINUX_O_APPEND   02000

#define LINUX_CLOCK_REALTIME  0
#define LINUX_CLOCK_MONOTONIC 1

#define LINUX_ENOSYS 38
#define LINUX_EAGAIN 11
#define LINUX_ECHILD 10

#define LINUX_SIGKILL 9
#define LINUX_SIGTERM 15
#define LINUX_SIGCHLD 17

/* fork is clone(SIGCHLD, 0) on RISC-V Linux, which has no fork system call. */
#define linux_fork() linux_syscall2(SYS_clone, LINUX_SIGCHLD, 0)

/* wait status words, as <sys/wait.h> reads them. */
#define LINUX_WIFEXITED(s)   (((s) & 0x7f) == 0)
#define LINUX_WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define LINUX_WTERMSIG(s)    ((s) & 0x7f)

/* The start of siginfo_t as waitid fills it for a child. */
struct linux_child_info {
    int32_t si_signo, si_errno, si_code;
    int32_t si_pid, si_uid, si_status;
    int32_t rest[26];
};
#define LINUX_P_ALL 0
#define LINUX_P_PID 1
#define LINUX_WEXITED 4
#define LINUX_CLD_EXITED 1

struct linux_utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

/* struct stat64 of asm-generic, which rv32 uses for fstat (number 80). */
struct linux_stat64 {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t  st_size;
    int32_t  st_blksize;
    int32_t  pad2;
    int64_t  st_blocks;
    int32_t  st_atime_sec;  uint32_t st_atime_nsec;
    int32_t  st_mtime_sec;  uint32_t st_mtime_nsec;
    int32_t  st_ctime_sec;  uint32_t st_ctime_nsec;
    uint32_t unused4, unused5;
};

struct linux_timespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
};

/* The ecall itself: number in a7, arguments in a0..a5, result (or -errno) in a0. */
static inline long linux_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    register long a7 __asm__("a7") = n;
    __asm__ volatile("ecall"
                     : "+r"(a0)
                     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                     : "memory");
    return a0;
}

#define linux_syscall0(n)             linux_syscall6((n), 0, 0, 0, 0, 0, 0)
#define linux_syscall1(n, a)          linux_syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define linux_syscall2(n, a, b)       linux_syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define linux_syscall3(n, a, b, c)    linux_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define linux_syscall4(n, a, b, c, d)    linux_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define linux_syscall5(n, a, b, c, d, e) \
    linux_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* RV32 Linux has no wait4 (its rusage has 32-bit times): waiting is waitid, as glibc does it there. Waits for child
   `pid` (-1: any) and returns its pid with *status set as wait4 would set it, or -errno. */
static inline long linux_wait(long pid, int *status)
{
    struct linux_child_info info = { 0 };
    long r = linux_syscall5(SYS_waitid, pid < 0 ? LINUX_P_ALL : LINUX_P_PID, pid < 0 ? 0 : pid, &info,
                            LINUX_WEXITED, 0);
    if (r < 0)
        return r;
    if (status)
        *status = info.si_code == LINUX_CLD_EXITED ? (info.si_status & 0xff) << 8 : info.si_status & 0x7f;
    return info.si_pid;
}

#endif
