/* What a process sees of its world: its pid, its parent, its user id, the host name and kernel release, and then
   the actions named by its arguments, done in order:
     read:PATH         print the first line of a file (or the error)
     write:PATH:TEXT   create or replace a file with one line
     hostname:NAME     change the host name (sethostname)
     exec:PATH         replace this program by another (execve, with "exec'd" as argv[1])
   Usage: identity [action...]. Its output depends on the machine (pids, host name), so it has no recorded case:
   the kernel's tests check it under the lab's containers. */
#include <errno.h>
#include <string.h>
#include "guest.h"
#include "linux.h"

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: error %ld\n", what, -r);
    else
        printf("%s: ok\n", what);
}

int main(int argc, char **argv)
{
    struct linux_utsname u;
    linux_syscall1(SYS_uname, &u);
    printf("pid %ld ppid %ld uid %ld hostname %s kernel %s\n", linux_syscall0(SYS_getpid),
           linux_syscall0(SYS_getppid), linux_syscall0(SYS_getuid), u.nodename, u.release);
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (strncmp(arg, "read:", 5) == 0) {
            long fd = linux_syscall6(SYS_openat, LINUX_AT_FDCWD, (long)(arg + 5), LINUX_O_RDONLY, 0, 0, 0);
            if (fd < 0) {
                show(arg, fd);
                continue;
            }
            char line[128];
            long n = linux_syscall3(SYS_read, fd, line, sizeof line - 1);
            linux_syscall1(SYS_close, fd);
            line[n < 0 ? 0 : n] = 0;
            char *end = strchr(line, '\n');
            if (end)
                *end = 0;
            printf("%s: %s\n", arg, line);
        } else if (strncmp(arg, "write:", 6) == 0) {
            char *path = arg + 6, *text = strchr(path, ':');
            if (!text) {
                printf("%s: want write:PATH:TEXT\n", arg);
                continue;
            }
            *text++ = 0;
            long fd = linux_syscall6(SYS_openat, LINUX_AT_FDCWD, (long)path,
                                     LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, 0644, 0, 0);
            long r = fd;
            if (fd >= 0) {
                long w = linux_syscall3(SYS_write, fd, text, strlen(text));
                if (w >= 0)
                    w = linux_syscall3(SYS_write, fd, "\n", 1);
                linux_syscall1(SYS_close, fd);
                r = w < 0 ? w : fd;
            }
            show(path, r);
        } else if (strncmp(arg, "hostname:", 9) == 0) {
            show(arg, linux_syscall2(SYS_sethostname, arg + 9, strlen(arg + 9)));
        } else if (strncmp(arg, "exec:", 5) == 0) {
            char *args[] = { arg + 5, "exec'd", 0 };
            char *env[] = { 0 };
            fflush(stdout);
            show(arg, linux_syscall3(SYS_execve, arg + 5, args, env));
        } else {
            printf("%s: unknown action\n", arg);
            return EXIT_USAGE;
        }
    }
    return 0;
}
