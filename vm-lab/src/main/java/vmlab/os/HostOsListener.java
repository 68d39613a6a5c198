package vmlab.os;

/** Hears every task event of a {@link HostOs}, in simulated-time order; a time-sharing session logs them. */
@FunctionalInterface
public interface HostOsListener {
    HostOsListener NONE = (time, task, event, detail) -> { };

    /**
     * @param time   the simulated cycle (mtime) when it happened
     * @param task   the task concerned (its counters are as of this moment)
     * @param event  what happened
     * @param detail a few words more ("slice of 10000 cycles used", "exited with status 0"), or ""
     */
    void event(long time, Task task, TaskEvent event, String detail);
}
