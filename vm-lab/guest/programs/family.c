/* A family of processes: fork, pipe2, dup3, getppid, kill, waitid -- what a shell and a container runtime are built on.
   Usage: family [children], default 3. Every child but the last reports through a shared pipe (its stdout is the
   pipe's write end) and exits with its own number; the last one loops until its parent kills it with SIGTERM.
   Prints only what is the same on every run (no pids); exit status = failed checks. */
#include <string.h>
#include "guest.h"
#include "linux.h"

static int failures;

static void say(const char *text)
{
    linux_syscall3(SYS_write, 1, text, strlen(text));
}

static void check(const char *what, int ok)
{
    char line[96];
    snprintf(line, sizeof line, "%-44s %s\n", what, ok ? "ok" : "FAILED");
    say(line);
    if (!ok)
        failures++;
}

int main(int argc, char **argv)
{
    long n = size_argument(argc, argv, 1, 3, 2, 20);
    long me = linux_syscall0(SYS_getpid);
    int fds[2];
    check("pipe2 gives two descriptors", linux_syscall2(SYS_pipe2, fds, 0) == 0 && fds[0] >= 0 && fds[1] >= 0);
    fflush(stdout); /* a child must not inherit (and print again) what the parent buffered */

    long pids[21] = { 0 };
    for (long k = 1; k <= n; k++) {
        long pid = linux_fork();
        if (pid == 0) {
            if (k == n)
                for (;;) /* the last child waits for its parent's SIGTERM, doing nothing useful */
                    linux_syscall0(SYS_sched_yield);
            linux_syscall3(SYS_dup3, fds[1], 1, 0); /* stdout is now the pipe */
            char record[2] = { (char)k, linux_syscall0(SYS_getppid) == me ? 'y' : 'n' };
            linux_syscall3(SYS_write, 1, record, 2);
            linux_syscall1(SYS_exit, (int)k);
        }
        pids[k] = pid;
        if (pid < 0) {
            check("fork succeeds", 0);
            return failures;
        }
    }
    check("fork gives each child its own pid", pids[1] != pids[2] && pids[1] != me);

    /* The parent reads the n-1 two-byte records through a duplicate of the read end. */
    long reader = linux_syscall1(SYS_dup, fds[0]);
    check("dup gives another descriptor", reader >= 0 && reader != fds[0]);
    int reported[21] = { 0 }, right_parent = 1;
    for (long got = 0; got < 2 * (n - 1);) {
        char record[2];
        long r = linux_syscall3(SYS_read, reader, record, 2);
        if (r <= 0)
            break;
        got += r;
        if (r == 2 && record[0] >= 1 && record[0] < n) {
            reported[(int)record[0]] = 1;
            right_parent &= record[1] == 'y';
        }
    }
    int all = 1;
    for (long k = 1; k < n; k++)
        all &= reported[k];
    check("every child wrote its record into the pipe", all);
    check("getppid in each child is the parent's pid", right_parent);

    check("kill sends SIGTERM to the last child", linux_syscall2(SYS_kill, pids[n], LINUX_SIGTERM) == 0);
    int statuses_right = 1;
    for (long waited = 0; waited < n; waited++) {
        int status = -1;
        long pid = linux_wait(-1, &status);
        long k = 0;
        for (long j = 1; j <= n; j++)
            if (pids[j] == pid)
                k = j;
        if (k == 0)
            statuses_right = 0;
        else if (k == n)
            statuses_right &= !LINUX_WIFEXITED(status) && LINUX_WTERMSIG(status) == LINUX_SIGTERM;
        else
            statuses_right &= LINUX_WIFEXITED(status) && LINUX_WEXITSTATUS(status) == k;
    }
    check("waitid reports exit statuses and the signal", statuses_right);
    check("waiting with no children left gives ECHILD", linux_wait(-1, 0) == -LINUX_ECHILD);
    printf("%ld children, %d failed checks\n", n, failures);
    return failures;
}
