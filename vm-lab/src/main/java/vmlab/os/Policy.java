package vmlab.os;

import java.util.List;

/**
 * A scheduling policy: who runs next, and for how long at most. The host kernel keeps the ready queue in the order tasks
 * became ready (a preempted or woken task goes to the back); a policy picks one of them and names its slice. The timer
 * interrupt ends the slice; a task may also leave earlier by blocking, sleeping, yielding or finishing.
 *
 * <p>Writing one is a few lines, e.g. "the task that has used the least CPU so far goes first":
 * <pre>{@code
 * Policy leastUsedFirst = new Policy() {
 *     public Task pick(List<Task> ready, long now) {
 *         return ready.stream().min(Comparator.comparingLong(Task::cpuCycles)).orElse(null);
 *     }
 *     public long slice(Task task, long quantum) { return quantum; }
 * };
 * }</pre>
 */
public interface Policy {
    /** Batch: first come, first served, each job runs until it finishes or waits for its terminal. No preemption. */
    Policy BATCH = new Policy() {
        @Override
        public Task pick(List<Task> ready, long now) {
            return ready.isEmpty() ? null : ready.get(0);
        }

        @Override
        public long slice(Task task, long quantum) {
            return Long.MAX_VALUE;
        }

        @Override
        public String name() {
            return "batch";
        }
    };

    /** Time-sharing: round-robin, each ready task in turn gets one quantum. */
    Policy ROUND_ROBIN = new Policy() {
        @Override
        public Task pick(List<Task> ready, long now) {
            return ready.isEmpty() ? null : ready.get(0);
        }

        @Override
        public long slice(Task task, long quantum) {
            return quantum;
        }

        @Override
        public String name() {
            return "round-robin";
        }
    };

    /** Multilevel feedback queues (as in CTSS): see {@link MultilevelFeedback}. */
    Policy MULTILEVEL_FEEDBACK = new MultilevelFeedback(4);

    /** Picks the task to run from the ready queue (never empty when called), or null to leave the CPU idle. */
    Task pick(List<Task> ready, long now);

    /** The longest the task may run now, in cycles ({@link Long#MAX_VALUE}: until it blocks or ends). */
    long slice(Task task, long quantum);

    /**
     * Hears that {@code task} left the CPU after running {@code cycles} of its own instructions; {@code usedWholeSlice} if
     * the timer took the CPU away.
     */
    default void ran(Task task, long cycles, boolean usedWholeSlice) {
    }

    default String name() {
        return getClass().getSimpleName().isEmpty() ? "custom policy" : getClass().getSimpleName();
    }
}
