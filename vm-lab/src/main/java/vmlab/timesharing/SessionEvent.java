package vmlab.timesharing;

import vmlab.os.TaskEvent;

/**
 * One line of a session's log.
 *
 * @param cycle      when, in simulated cycles since the session began
 * @param seconds    the same, in simulated seconds
 * @param user       who submitted the job
 * @param job        the job's number in the session (1, 2, ...)
 * @param pid        its process id
 * @param command    its command line
 * @param event      what happened
 * @param detail     a few words more
 * @param cpuSeconds the CPU time (user + system) the job had used by then
 */
public record SessionEvent(long cycle, double seconds, String user, int job, int pid, String command, TaskEvent event,
                           String detail, double cpuSeconds) {
}
