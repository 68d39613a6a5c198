package vmlab.grading;

import java.time.Duration;

/**
 * One submission's kernel, as the grader needs it: run a cell within a time limit and say what happened. The production
 * implementation drives a VM Lab kernel JVM through the Jupyter client; {@link JShellSession} is the JDK's own remote JShell,
 * used where no kernel is at hand. Whatever the implementation, a run that does not finish in time is stopped (interrupt, then
 * kill), and after a kill the session reports {@link #alive()} false.
 */
public interface GradingSession extends AutoCloseable {

    CellOutcome run(String code, Duration timeout);

    boolean alive();

    @Override
    void close();

    /** Starts sessions: one per submission, in its own working directory with its own heap limit. */
    interface Factory {
        GradingSession start(java.nio.file.Path workdir, int heapMb);

        /** What every report must say when these sessions are not isolated from the grader's machine; empty when they are. */
        default java.util.Optional<String> isolationWarning() {
            return java.util.Optional.empty();
        }
    }
}
