package vmlab.os;

import java.util.ArrayList;
import java.util.List;

/**
 * Where tasks wait for something to change (a pipe to get data or room, a child to end). A system call that would block
 * leaves the task's pc on its {@code ecall} and parks the task here; when the thing changes, the kernel makes the task
 * ready and it executes the same system call again, which now finds what it waited for (the restart approach).
 */
public final class WaitQueue {
    private final List<Runnable> waiters = new ArrayList<>();

    /** Runs {@code wake} once, at the next {@link #wakeAll()}. */
    void park(Runnable wake) {
        waiters.add(wake);
    }

    /** Wakes every waiter; each tries again and parks again if it still has to wait. */
    void wakeAll() {
        List<Runnable> now = new ArrayList<>(waiters);
        waiters.clear();
        now.forEach(Runnable::run);
    }

    void forget(Runnable wake) {
        waiters.remove(wake);
    }

    public int waiting() {
        return waiters.size();
    }
}
