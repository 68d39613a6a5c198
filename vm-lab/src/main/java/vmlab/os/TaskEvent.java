package vmlab.os;

/** What the host kernel reports about a task, in the order a task usually lives them. */
public enum TaskEvent {
    /** The task was created (a user pressed Enter on a command). */
    SUBMITTED,
    /** The task got the CPU for the first time. */
    STARTED,
    /** The task got the CPU again. */
    RESUMED,
    /** The timer interrupt ended the task's slice; it goes back to the ready queue. */
    PREEMPTED,
    /** The task gave the CPU away itself (sched_yield). */
    YIELDED,
    /** The task waits for its terminal (a read with no input yet). */
    BLOCKED,
    /** The task sleeps (nanosleep). */
    SLEEPING,
    /** The input arrived or the sleep ended: the task is ready again. */
    WOKE,
    /** The task exited or was killed. */
    FINISHED,
    /** The run ended before the task did (reported by whoever ran the kernel, with the task's counters at the end). */
    UNFINISHED
}
