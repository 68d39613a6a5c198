package vmlab.os;

import java.util.List;

/**
 * Multilevel feedback queues, the policy of CTSS (Corbató, 1962): a new task starts in the top queue with one quantum;
 * each time it uses its whole slice it sinks one queue, where slices are twice as long but it only runs when every queue
 * above is empty. Short, interactive jobs finish quickly near the top; long computations sink and run in long slices with
 * few context switches. A task that waits for its terminal keeps its level. (There is no periodic boost: in a session
 * where the top queues never empty, the bottom one can starve, which is worth watching for.)
 */
public final class MultilevelFeedback implements Policy {
    private final int levels;

    public MultilevelFeedback(int levels) {
        if (levels < 1 || levels > 16) {
            throw new IllegalArgumentException("between 1 and 16 levels, not " + levels);
        }
        this.levels = levels;
    }

    @Override
    public Task pick(List<Task> ready, long now) {
        Task best = null;
        for (Task t : ready) { // the first task of the highest non-empty queue: FIFO within a level
            if (best == null || t.level() < best.level()) {
                best = t;
            }
        }
        return best;
    }

    @Override
    public long slice(Task task, long quantum) {
        int level = Math.min(task.level(), 30);
        return quantum > (Long.MAX_VALUE >> level) ? Long.MAX_VALUE : quantum << level;
    }

    @Override
    public void ran(Task task, long cycles, boolean usedWholeSlice) {
        if (usedWholeSlice && task.level() < levels - 1) {
            task.setLevel(task.level() + 1);
        }
    }

    @Override
    public String name() {
        return "multilevel feedback";
    }
}
