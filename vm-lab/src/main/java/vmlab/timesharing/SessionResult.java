package vmlab.timesharing;

import static vmlab.html.HtmlText.escape;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.html.HtmlTable;
import vmlab.os.CycleAccount;
import vmlab.os.TaskEvent;

/**
 * What a time-sharing session measured. Per-user figures come from the event log: a job's response time is from its
 * submission to its end (what the user waited at the terminal), its CPU time is the user plus system time it had used by
 * its last event. Machine-wide figures come from the kernel's account: utilization is the share of elapsed time the CPU
 * was busy (user or kernel work, not idle); useful utilization counts user work only; switch overhead is the share of
 * elapsed time spent in context switches, at {@link vmlab.os.OsCosts}' cycles each.
 */
public final class SessionResult {
    private final TimeSharing setup;
    private final Duration duration;
    private final EventLog log;
    private final CycleAccount account;
    private final long elapsedCycles;
    private final List<String> userNames;
    private final long hostNanos;
    private final boolean interrupted;

    SessionResult(TimeSharing setup, Duration duration, EventLog log, CycleAccount account, long elapsedCycles,
                  List<String> userNames, long hostNanos, boolean interrupted) {
        this.setup = setup;
        this.duration = duration;
        this.log = log;
        this.account = account;
        this.elapsedCycles = elapsedCycles;
        this.userNames = userNames;
        this.hostNanos = hostNanos;
        this.interrupted = interrupted;
    }

    /** Per job: user, command, submitted, finished (or -1), last CPU seconds. */
    private record JobRecord(String user, String command, double submitted, double finished, double cpuSeconds) {
    }

    private Map<Integer, JobRecord> jobRecords() {
        Map<Integer, JobRecord> jobs = new LinkedHashMap<>();
        for (SessionEvent e : log.events()) {
            JobRecord j = jobs.get(e.job());
            double submitted = j == null ? e.seconds() : j.submitted();
            double finished = e.event() == TaskEvent.FINISHED ? e.seconds() : j == null ? -1 : j.finished();
            jobs.put(e.job(), new JobRecord(e.user(), e.command(), submitted, finished, e.cpuSeconds()));
        }
        return jobs;
    }

    /**
     * One row per job: job, user, command, submitted_s, finished_s and response_s (NaN if it had not finished when the
     * session ended), cpu_s.
     */
    public Table jobs() {
        Table t = Table.create("jobs", IntColumn.create("job"), StringColumn.create("user"),
                StringColumn.create("command"), DoubleColumn.create("submitted_s"), DoubleColumn.create("finished_s"),
                DoubleColumn.create("response_s"), DoubleColumn.create("cpu_s"));
        jobRecords().forEach((number, j) -> {
            boolean done = j.finished() >= 0;
            t.intColumn("job").append(number);
            t.stringColumn("user").append(j.user());
            t.stringColumn("command").append(j.command());
            t.doubleColumn("submitted_s").append(j.submitted());
            t.doubleColumn("finished_s").append(done ? j.finished() : Double.NaN);
            t.doubleColumn("response_s").append(done ? round(j.finished() - j.submitted()) : Double.NaN);
            t.doubleColumn("cpu_s").append(j.cpuSeconds());
        });
        return t;
    }

    /**
     * Mean response time of the finished jobs that used less than {@code cpuSeconds} of CPU: how the quick commands of
     * interactive users were served (NaN if none).
     */
    public double meanResponseOfJobsUnder(double cpuSeconds) {
        return jobRecords().values().stream().filter(j -> j.finished() >= 0 && j.cpuSeconds() < cpuSeconds)
                .mapToDouble(j -> j.finished() - j.submitted()).average().orElse(Double.NaN);
    }

    // ---- machine-wide figures -------------------------------------------------------------------------------------------

    public double simulatedSeconds() {
        return setup.clock.seconds(elapsedCycles);
    }

    /** The share of time the CPU was busy (user work plus kernel work). */
    public double utilization() {
        return (double) Math.min(elapsedCycles, account.userCycles() + account.kernelCycles()) / elapsedCycles;
    }

    /** The share of time the CPU ran users' instructions. */
    public double usefulUtilization() {
        return (double) account.userCycles() / elapsedCycles;
    }

    /** The share of time spent switching contexts. */
    public double switchOverhead() {
        return (double) account.switchCycles() / elapsedCycles;
    }

    public long contextSwitches() {
        return account.contextSwitches();
    }

    public long jobsFinished() {
        return jobRecords().values().stream().filter(j -> j.finished() >= 0).count();
    }

    /** Jobs finished per simulated minute. */
    public double throughputPerMinute() {
        return jobsFinished() / (simulatedSeconds() / 60);
    }

    /** Mean response time of the finished jobs, in simulated seconds (NaN if none finished). */
    public double meanResponseSeconds() {
        return jobRecords().values().stream().filter(j -> j.finished() >= 0).mapToDouble(j -> j.finished() - j.submitted())
                .average().orElse(Double.NaN);
    }

    public CycleAccount account() {
        return account;
    }

    public EventLog log() {
        return log;
    }

    /** Host time the session took. */
    public double hostSeconds() {
        return hostNanos / 1e9;
    }

    /** True if the host thread was interrupted (the notebook's stop button) before the end: figures cover what ran. */
    public boolean interrupted() {
        return interrupted;
    }

    public TimeSharing setup() {
        return setup;
    }

    // ---- tables -------------------------------------------------------------------------------------------------------

    /** The event log as a table. */
    public Table events() {
        return log.table();
    }

    /** Who had the CPU when: one row per stretch on the CPU (draw it with {@code Charts.timeline}). */
    public Table timeline() {
        return log.timeline();
    }

    /** Per user: jobs submitted and finished, mean and worst response time, CPU seconds. */
    public Table users() {
        Table t = Table.create("users", StringColumn.create("user"), IntColumn.create("jobs"),
                IntColumn.create("finished"), DoubleColumn.create("mean_response_s"),
                DoubleColumn.create("max_response_s"), DoubleColumn.create("cpu_s"));
        Map<Integer, JobRecord> jobs = jobRecords();
        for (String user : userNames) {
            List<JobRecord> mine = jobs.values().stream().filter(j -> j.user().equals(user)).toList();
            List<Double> responses = mine.stream().filter(j -> j.finished() >= 0)
                    .map(j -> j.finished() - j.submitted()).toList();
            t.stringColumn("user").append(user);
            t.intColumn("jobs").append(mine.size());
            t.intColumn("finished").append(responses.size());
            t.doubleColumn("mean_response_s").append(round(responses.stream().mapToDouble(d -> d).average()
                    .orElse(Double.NaN)));
            t.doubleColumn("max_response_s").append(round(responses.stream().mapToDouble(d -> d).max()
                    .orElse(Double.NaN)));
            t.doubleColumn("cpu_s").append(round(mine.stream().mapToDouble(JobRecord::cpuSeconds).sum()));
        }
        return t;
    }

    /**
     * Each user's bill: CPU seconds (user + system, all jobs, finished or not) times the price per CPU-second, plus the
     * minutes connected (the whole session) times the price per minute.
     */
    public Table bills() {
        Tariff tariff = setup.tariff;
        Table t = Table.create("bills", StringColumn.create("user"), DoubleColumn.create("cpu_s"),
                DoubleColumn.create("connected_min"), DoubleColumn.create("cpu_charge"),
                DoubleColumn.create("line_charge"), DoubleColumn.create("total"));
        Map<Integer, JobRecord> jobs = jobRecords();
        double minutes = simulatedSeconds() / 60;
        for (String user : userNames) {
            double cpu = jobs.values().stream().filter(j -> j.user().equals(user)).mapToDouble(JobRecord::cpuSeconds)
                    .sum();
            t.stringColumn("user").append(user);
            t.doubleColumn("cpu_s").append(Math.round(cpu * 100_000) / 100_000.0);
            t.doubleColumn("connected_min").append(minutes);
            t.doubleColumn("cpu_charge").append(cents(cpu * tariff.perCpuSecond()));
            t.doubleColumn("line_charge").append(cents(minutes * tariff.perConnectedMinute()));
            t.doubleColumn("total").append(cents(tariff.bill(cpu, minutes)));
        }
        return t;
    }

    /** The machine-wide figures as a two-column table (figure, value). */
    public Table summary() {
        Table t = Table.create("summary", StringColumn.create("figure"), StringColumn.create("value"));
        summaryLines().forEach((k, v) -> {
            t.stringColumn("figure").append(k);
            t.stringColumn("value").append(v);
        });
        return t;
    }

    private Map<String, String> summaryLines() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("users", String.valueOf(userNames.size()));
        m.put("policy", setup.describePolicy());
        m.put("simulated time", String.format("%.1f s", simulatedSeconds()));
        m.put("jobs finished", String.valueOf(jobsFinished()));
        m.put("throughput", String.format("%.2f jobs/min", throughputPerMinute()));
        m.put("mean response", String.format("%.2f s", meanResponseSeconds()));
        m.put("utilization", String.format("%.1f %% (useful %.1f %%)", 100 * utilization(), 100 * usefulUtilization()));
        m.put("context switches", String.format("%,d (%.2f %% of the time)", contextSwitches(), 100 * switchOverhead()));
        m.put("kernel", String.format("%,d system calls, %,d timer interrupts, %,d page faults", account.systemCalls(),
                account.interrupts(), account.pageFaults()));
        m.put("host time", String.format("%.2f s%s", hostSeconds(), interrupted ? " (interrupted)" : ""));
        return m;
    }

    /** Money to a hundredth of a cent (and CPU seconds to 10 microseconds, below one cycle at the default clock). */
    private static double cents(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Time-sharing session\n");
        summaryLines().forEach((k, v) -> b.append(String.format("  %-17s %s%n", k, v)));
        return b.append(users().print()).toString();
    }

    /** The summary and the per-user table, as HTML. */
    public String toHtml() {
        StringBuilder b = new StringBuilder("<div class='vmlab-timesharing'><b>Time-sharing session</b>"
                + "<table style='margin:4px 0 8px 0'>");
        summaryLines().forEach((k, v) -> b.append("<tr><td style='text-align:left;padding-right:12px'>").append(escape(k))
                .append("</td><td style='text-align:left'>").append(escape(v)).append("</td></tr>"));
        b.append("</table>").append(HtmlTable.of(users())).append("</div>");
        return b.toString();
    }

}
