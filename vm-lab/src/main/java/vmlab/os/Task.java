package vmlab.os;

/**
 * A process as the scheduler sees it (Linux calls them tasks): its guest process, its saved registers while it is off the
 * CPU, its state, and what it has cost so far. Policies read tasks to decide who runs next; they may keep their own mark in
 * {@link #level()} (a multilevel feedback queue keeps the queue number there).
 */
public final class Task {
    private final int pid;
    private final String name;
    private final String owner;
    final LinuxProcess process;
    /** What runs instead of the process's program (a VMM's guest), or null: the program, from {@link #context}. */
    TaskRunner runner;
    final Context context = new Context();
    final TerminalInput input;
    TaskState state = TaskState.READY;
    long userCycles, systemCycles;
    final long submittedAt;
    long startedAt = -1, finishedAt = -1, readySince;
    int exitStatus = -1;
    String endReason;
    int dispatches, preemptions;
    private int level;
    // a read waiting for the terminal: where its bytes go
    int pendingBuffer, pendingCount;

    Task(int pid, String name, String owner, LinuxProcess process, TerminalInput input, long now) {
        this.pid = pid;
        this.name = name;
        this.owner = owner;
        this.process = process;
        this.input = input;
        this.submittedAt = now;
        this.readySince = now;
    }

    public int pid() {
        return pid;
    }

    /** The command line, e.g. "fib 16". */
    public String name() {
        return name;
    }

    /** Who submitted it (a user's name), or "". */
    public String owner() {
        return owner;
    }

    public TaskState state() {
        return state;
    }

    /** Cycles of the task's own instructions (user time). */
    public long userCycles() {
        return userCycles;
    }

    /** Cycles of kernel work done on the task's behalf: its system calls and page faults (system time). */
    public long systemCycles() {
        return systemCycles;
    }

    /** User plus system cycles: what a 1960s bill charged as CPU time. */
    public long cpuCycles() {
        return userCycles + systemCycles;
    }

    public long submittedAt() {
        return submittedAt;
    }

    /** When the task first ran, or -1. */
    public long startedAt() {
        return startedAt;
    }

    /** When the task ended, or -1. */
    public long finishedAt() {
        return finishedAt;
    }

    /** Since when the task has been in the ready queue (meaningful while READY). */
    public long readySince() {
        return readySince;
    }

    /** The exit status (128 + signal if killed), or -1 while it lives. */
    public int exitStatus() {
        return exitStatus;
    }

    /** "exited with status 0", "killed by SIGSEGV (...)", or null while it lives. */
    public String endReason() {
        return endReason;
    }

    /** How many times it was given the CPU. */
    public int dispatches() {
        return dispatches;
    }

    /** How many times the timer took the CPU away from it. */
    public int preemptions() {
        return preemptions;
    }

    /** A number a policy may keep for this task (a queue level, a priority). Starts at 0. */
    public int level() {
        return level;
    }

    public void setLevel(int level) {
        this.level = level;
    }

    /** Its saved registers (current while it is off the CPU). */
    public Context context() {
        return context;
    }

    public LinuxProcess process() {
        return process;
    }

    /** What the task runs instead of its program, or null. */
    public TaskRunner runner() {
        return runner;
    }

    @Override
    public String toString() {
        return String.format("pid %d %s (%s, %s cycles of CPU)", pid, name, state, cpuCycles());
    }
}
