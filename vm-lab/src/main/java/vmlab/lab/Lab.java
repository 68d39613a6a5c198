package vmlab.lab;

import vmlab.timesharing.TimeSharing;

/** Where a notebook cell starts: one factory per lesson's lab object. */
public final class Lab {
    private Lab() {
    }

    /**
     * Lesson 01: a time-sharing computer with users at terminals, e.g.
     * {@code Lab.timeSharing().users(8).quantum(10_000).policy(Policy.ROUND_ROBIN).run(Duration.ofMinutes(5))}.
     */
    public static TimeSharing timeSharing() {
        return new TimeSharing();
    }
}
