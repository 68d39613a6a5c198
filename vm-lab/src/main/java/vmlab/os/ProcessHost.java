package vmlab.os;

/**
 * What a process's system calls need from a kernel with a scheduler: making a new task (fork) and ending another
 * (kill). A process alone on a machine has none, and these calls fail with ENOSYS there.
 */
interface ProcessHost {
    /** fork: the child's pid as the parent sees it, or a negative errno (EAGAIN at pids.max, ENOMEM). */
    int fork(LinuxProcess parent);

    /** kill(pid, signal) from {@code sender}: 0 or a negative errno. */
    int kill(LinuxProcess sender, int pid, int signal);
}
