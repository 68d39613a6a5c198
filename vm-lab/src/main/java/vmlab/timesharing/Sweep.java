package vmlab.timesharing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.html.SignificantDigits;
import vmlab.os.ProgressListener;
import vmlab.os.Policy;

/**
 * Many sessions, one per combination of number of users, policy and quantum; one table row per session. Batch does not
 * use a quantum, so it runs once per number of users. Rows arrive one by one through {@link #onPoint}, so a live chart
 * can grow while the sweep runs:
 *
 * <pre>{@code
 * var live = Charts.live("Response time").fromRows("users", "mean_response_s", "series").show();
 * Table sweep = ts.sweep().users(1, 2, 4, 8, 16).quanta(2_000, 20_000).policies(Policy.BATCH, Policy.ROUND_ROBIN)
 *         .duration(Duration.ofMinutes(2)).onPoint(live).progress(bar::progress).run();
 * }</pre>
 */
public final class Sweep {
    /** Jobs that need less CPU than this are the "short" ones of {@code short_response_s}. */
    public static final double SHORT_JOB_SECONDS = 0.5;
    private final TimeSharing base;
    private int[] users = {1, 2, 4, 8, 16};
    private long[] quanta;
    private List<Policy> policies;
    private Duration duration = Duration.ofMinutes(2);
    private ProgressListener progress = ProgressListener.NONE;
    private Consumer<Row> onPoint = row -> { };

    Sweep(TimeSharing base) {
        this.base = base;
        this.quanta = new long[] {base.quantum};
        this.policies = List.of(base.policy);
    }

    public Sweep users(int... users) {
        this.users = users.clone();
        return this;
    }

    public Sweep quanta(long... quanta) {
        this.quanta = quanta.clone();
        return this;
    }

    public Sweep policies(Policy... policies) {
        this.policies = List.of(policies);
        return this;
    }

    /** Simulated time of each session. */
    public Sweep duration(Duration simulated) {
        this.duration = simulated;
        return this;
    }

    /** Hears how many sessions are done (e.g. {@code bar::progress}). */
    public Sweep progress(ProgressListener progress) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
        return this;
    }

    /** Receives each row as soon as its session has run (a {@code LiveChart} is such a consumer). */
    public Sweep onPoint(Consumer<Row> onPoint) {
        this.onPoint = onPoint == null ? row -> { } : onPoint;
        return this;
    }

    private record Point(Policy policy, long quantum, int users) {
        String series(TimeSharing base) {
            return policy == Policy.BATCH ? policy.name()
                    : policy.name() + " " + SignificantDigits.text(base.clock.seconds(quantum)) + " s";
        }
    }

    /**
     * Runs every session and answers the table: series, policy, quantum, users, utilization, useful_utilization,
     * mean_response_s, short_response_s (jobs under half a CPU-second: the quick commands), throughput_per_min, switch_overhead, context_switches, jobs_finished, host_s. Stops early, with
     * the rows so far, if the host thread is interrupted.
     */
    public Table run() {
        List<Point> points = new ArrayList<>();
        for (Policy policy : policies) {
            for (long quantum : policy == Policy.BATCH ? new long[] {base.quantum} : quanta) {
                for (int n : users) {
                    points.add(new Point(policy, quantum, n));
                }
            }
        }
        Table t = Table.create("sweep", StringColumn.create("series"), StringColumn.create("policy"),
                LongColumn.create("quantum"), IntColumn.create("users"), DoubleColumn.create("utilization"),
                DoubleColumn.create("useful_utilization"), DoubleColumn.create("mean_response_s"),
                DoubleColumn.create("short_response_s"), DoubleColumn.create("throughput_per_min"), DoubleColumn.create("switch_overhead"),
                LongColumn.create("context_switches"), LongColumn.create("jobs_finished"),
                DoubleColumn.create("host_s"));
        int done = 0;
        for (Point p : points) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            progress.progress(done, points.size(), p.series(base) + ", " + p.users + " users");
            SessionResult r = base.policy(p.policy).quantum(p.quantum).users(p.users).run(duration);
            t.stringColumn("series").append(p.series(base));
            t.stringColumn("policy").append(p.policy.name());
            t.longColumn("quantum").append(p.policy == Policy.BATCH ? 0 : p.quantum);
            t.intColumn("users").append(p.users);
            t.doubleColumn("utilization").append(round(r.utilization()));
            t.doubleColumn("useful_utilization").append(round(r.usefulUtilization()));
            t.doubleColumn("mean_response_s").append(round(r.meanResponseSeconds()));
            t.doubleColumn("short_response_s").append(round(r.meanResponseOfJobsUnder(SHORT_JOB_SECONDS)));
            t.doubleColumn("throughput_per_min").append(round(r.throughputPerMinute()));
            t.doubleColumn("switch_overhead").append(round(r.switchOverhead()));
            t.longColumn("context_switches").append(r.contextSwitches());
            t.longColumn("jobs_finished").append(r.jobsFinished());
            t.doubleColumn("host_s").append(round(r.hostSeconds()));
            onPoint.accept(t.row(t.rowCount() - 1));
            done++;
            if (r.interrupted()) {
                break;
            }
        }
        progress.progress(done, points.size(), "done");
        return t;
    }

    /** Four decimals: the table stays readable, and no figure here is that precise. */
    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10_000) / 10_000.0;
    }

    @Override
    public String toString() {
        return String.format("sweep of %d user counts x %d quanta x %d policies, %s simulated each",
                users.length, quanta.length, policies.size(), duration);
    }
}
