package vmlab.timesharing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import vmlab.engine.Engine;
import vmlab.engine.ReferenceInterpreter;
import vmlab.html.SignificantDigits;
import vmlab.os.ProgressListener;
import vmlab.os.CpuClock;
import vmlab.os.OsCosts;
import vmlab.os.Policy;

/**
 * A time-sharing computer and its users, ready to run: the lab object of lesson 01.
 *
 * <pre>{@code
 * var ts = Lab.timeSharing().users(8).quantum(10_000).policy(Policy.ROUND_ROBIN);
 * var result = ts.run(Duration.ofMinutes(5));   // five simulated minutes
 * }</pre>
 *
 * Each user sits at a terminal, thinks for a while (an exponentially distributed time, {@link #thinkTime} on average),
 * submits a job from the {@link JobMix}, types its input at the speed of the phone line, waits until the job has finished,
 * and thinks again. The jobs are real RISC-V programs from the guest corpus, run as processes by the
 * {@link vmlab.os.HostOs} on one simulated CPU. Everything is deterministic: the same settings and seed give the same
 * event log. Settings return a new object, so a cell can derive variants from a base.
 */
public final class TimeSharing {
    int users = 4;
    long quantum = 10_000;
    Policy policy = Policy.ROUND_ROBIN;
    Duration thinkTime = Duration.ofSeconds(4);
    long seed = 1965;
    JobMix mix = JobMix.STANDARD;
    Tariff tariff = Tariff.DEFAULT;
    OsCosts costs = OsCosts.DEFAULT;
    CpuClock clock = CpuClock.DEFAULT;
    int charactersPerSecond = 10;
    Supplier<Engine> engine = ReferenceInterpreter::new;

    public TimeSharing() {
    }

    private TimeSharing copy() {
        TimeSharing c = new TimeSharing();
        c.users = users;
        c.quantum = quantum;
        c.policy = policy;
        c.thinkTime = thinkTime;
        c.seed = seed;
        c.mix = mix;
        c.tariff = tariff;
        c.costs = costs;
        c.clock = clock;
        c.charactersPerSecond = charactersPerSecond;
        c.engine = engine;
        return c;
    }

    /** How many users sit at terminals. */
    public TimeSharing users(int users) {
        if (users < 0 || users > 10_000) {
            throw new IllegalArgumentException("between 0 and 10,000 users, not " + users);
        }
        TimeSharing c = copy();
        c.users = users;
        return c;
    }

    /** The time slice, in instructions (= cycles of user time). */
    public TimeSharing quantum(long instructions) {
        if (instructions <= 0) {
            throw new IllegalArgumentException("a quantum is a positive number of instructions, not " + instructions);
        }
        TimeSharing c = copy();
        c.quantum = instructions;
        return c;
    }

    /** The time slice, in simulated time. */
    public TimeSharing quantum(Duration simulated) {
        return quantum(Math.max(1, clock.cycles(simulated)));
    }

    public TimeSharing policy(Policy policy) {
        TimeSharing c = copy();
        c.policy = Objects.requireNonNull(policy, "policy");
        return c;
    }

    /** The mean time a user thinks between getting an answer and submitting the next job. */
    public TimeSharing thinkTime(Duration mean) {
        if (mean.isNegative()) {
            throw new IllegalArgumentException("a think time cannot be negative: " + mean);
        }
        TimeSharing c = copy();
        c.thinkTime = mean;
        return c;
    }

    /** The seed of the users' random choices (think times and jobs). */
    public TimeSharing seed(long seed) {
        TimeSharing c = copy();
        c.seed = seed;
        return c;
    }

    public TimeSharing mix(JobMix mix) {
        TimeSharing c = copy();
        c.mix = Objects.requireNonNull(mix, "mix");
        return c;
    }

    public TimeSharing tariff(Tariff tariff) {
        TimeSharing c = copy();
        c.tariff = Objects.requireNonNull(tariff, "tariff");
        return c;
    }

    /** What the kernel's own work costs, in cycles (see {@link OsCosts}). */
    public TimeSharing costs(OsCosts costs) {
        TimeSharing c = copy();
        c.costs = Objects.requireNonNull(costs, "costs");
        return c;
    }

    public TimeSharing clock(CpuClock clock) {
        TimeSharing c = copy();
        c.clock = Objects.requireNonNull(clock, "clock");
        return c;
    }

    /** How fast users type over the phone line (a 110-baud teletype: 10 characters a second). */
    public TimeSharing lineSpeed(int charactersPerSecond) {
        if (charactersPerSecond <= 0) {
            throw new IllegalArgumentException("a line speed is a positive number of characters a second");
        }
        TimeSharing c = copy();
        c.charactersPerSecond = charactersPerSecond;
        return c;
    }

    /** Which engine executes the guest instructions (all give the same results; only host speed differs). */
    public TimeSharing engine(Supplier<Engine> engine) {
        TimeSharing c = copy();
        c.engine = Objects.requireNonNull(engine, "engine");
        return c;
    }

    /** Runs a session for {@code simulated} time (simulated time, not host time). */
    public SessionResult run(Duration simulated) {
        return run(simulated, ProgressListener.NONE);
    }

    public SessionResult run(Duration simulated, ProgressListener progress) {
        if (simulated.isNegative() || simulated.isZero()) {
            throw new IllegalArgumentException("a session lasts some positive simulated time, not " + simulated);
        }
        return new Session(this).run(simulated, progress);
    }

    /** A sweep over numbers of users, quanta and policies, starting from these settings. */
    public Sweep sweep() {
        return new Sweep(this);
    }

    public int users() {
        return users;
    }

    public long quantum() {
        return quantum;
    }

    public Policy policy() {
        return policy;
    }

    public Tariff tariff() {
        return tariff;
    }

    public CpuClock clock() {
        return clock;
    }

    public long seed() {
        return seed;
    }

    /** "round-robin, quantum 10,000 (0.1 s)" or "batch". */
    String describePolicy() {
        return policy == Policy.BATCH ? policy.name()
                : String.format("%s, quantum %,d (%s s)", policy.name(), quantum,
                        SignificantDigits.text(clock.seconds(quantum)));
    }

    @Override
    public String toString() {
        return String.format("time-sharing: %d users, %s; think %s s on average; %s; %s; kernel costs %s",
                users, describePolicy(), SignificantDigits.text(thinkTime.toMillis() / 1000.0), clock, tariff, costs);
    }
}
