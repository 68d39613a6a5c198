package vmlab.timesharing;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vmlab.engine.Stop;
import vmlab.machine.Machine;
import vmlab.os.ProgressListener;
import vmlab.os.GuestCorpus;
import vmlab.os.HostOs;
import vmlab.os.Task;
import vmlab.os.TaskEvent;
import vmlab.os.TerminalInput;

/**
 * One run of a {@link TimeSharing} setup: a fresh machine and host kernel, the users at their terminals, and the log.
 * Users are driven by kernel alarms, so their thinking and typing happen in the same simulated time as the programs.
 */
final class Session {
    private final TimeSharing setup;
    private final EventLog log = new EventLog();
    private final Map<Task, Submission> submissions = new HashMap<>();
    private final List<User> users = new ArrayList<>();
    private HostOs kernel;
    private long begin;
    private int jobs;

    /** A user at a terminal, with their own random stream (so adding a user does not change what the others do). */
    record User(String name, Random random) {
    }

    private record Submission(User user, int number, Job job, ByteArrayOutputStream output) {
    }

    Session(TimeSharing setup) {
        this.setup = setup;
    }

    SessionResult run(Duration simulated, ProgressListener progress) {
        long hostStart = System.nanoTime();
        kernel = new HostOs(new Machine(Math.max(16 << 20, setup.users * (128 << 10))),
                setup.engine.get(), setup.clock)
                .policy(setup.policy).quantum(setup.quantum).costs(setup.costs).listener(this::record);
        begin = kernel.now();
        for (int k = 1; k <= setup.users; k++) {
            User user = new User("user" + k, new Random(seedOf(setup.seed, k)));
            users.add(user);
            kernel.at(begin + think(user), () -> submit(user));
        }
        long end = begin + setup.clock.cycles(simulated);
        Stop stop = kernel.runUntil(end, progress);
        for (Task task : kernel.tasks()) {
            if (task.finishedAt() < 0) {
                Submission s = submissions.get(task);
                log.add(new SessionEvent(end - begin, setup.clock.seconds(end - begin), s.user.name, s.number,
                        task.pid(), task.name(), TaskEvent.UNFINISHED, "still " + task.state().name().toLowerCase()
                        + " when the session ended", setup.clock.seconds(task.cpuCycles())));
            }
        }
        return new SessionResult(setup, simulated, log, kernel.account(), end - begin,
                users.stream().map(User::name).toList(), System.nanoTime() - hostStart, stop == Stop.INTERRUPTED);
    }

    /**
     * User k's own seed. java.util.Random's first numbers hardly differ for neighbouring seeds, which made every user
     * think for the same time; SplitMix64's finalizer scatters them.
     */
    static long seedOf(long sessionSeed, int user) {
        long z = sessionSeed * 0x9E37_79B9_7F4A_7C15L + user;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private long think(User user) {
        double mean = setup.thinkTime.toNanos() / 1e9;
        return setup.clock.cycles(-mean * Math.log(1 - user.random.nextDouble()));
    }

    private void submit(User user) {
        Job job = setup.mix.pick(user.random);
        long now = kernel.now();
        TerminalInput input = job.input().isEmpty() ? null
                : new Typing(job.input(), now, setup.clock.hz() / setup.charactersPerSecond);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Submission submission = new Submission(user, ++jobs, job, output);
        pending = submission;
        Task task = kernel.spawn(user.name, GuestCorpus.program(job.program()), job.argv(), input, output);
        submissions.put(task, submission);
    }

    private Submission pending; // the submission whose task is being created (its SUBMITTED event comes from spawn)

    private void record(long time, Task task, TaskEvent event, String detail) {
        Submission s = submissions.getOrDefault(task, pending);
        if (event == TaskEvent.FINISHED) {
            String printed = s.output.toString(java.nio.charset.StandardCharsets.UTF_8).strip().lines().findFirst()
                    .orElse("");
            detail = printed.isEmpty() ? detail : detail + ": " + printed;
            kernel.at(time + think(s.user), () -> submit(s.user)); // back to thinking
        }
        log.add(new SessionEvent(time - begin, setup.clock.seconds(time - begin), s.user.name, s.number, task.pid(),
                task.name(), event, detail, setup.clock.seconds(task.cpuCycles())));
    }
}
