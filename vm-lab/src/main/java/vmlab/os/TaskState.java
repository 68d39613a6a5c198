package vmlab.os;

/** Where a task is in its life: the states of the classic process diagram. */
public enum TaskState {
    /** Waiting for the CPU. */
    READY,
    /** On the CPU now. */
    RUNNING,
    /** Waiting for input from its terminal. */
    BLOCKED,
    /** Waiting for a nanosleep to end. */
    SLEEPING,
    /** Exited or killed; its memory is freed. */
    FINISHED
}
