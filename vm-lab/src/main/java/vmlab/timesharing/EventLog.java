package vmlab.timesharing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.os.TaskEvent;

/** Everything that happened to the jobs of a session, in time order: the source of every figure of the session. */
public final class EventLog {
    private final List<SessionEvent> events = new ArrayList<>();

    void add(SessionEvent event) {
        events.add(event);
    }

    public List<SessionEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    /** The log as a table: seconds, cycle, user, job, pid, command, event, detail, cpu_s. */
    public Table table() {
        Table t = Table.create("events",
                DoubleColumn.create("seconds"), LongColumn.create("cycle"), StringColumn.create("user"),
                IntColumn.create("job"), IntColumn.create("pid"), StringColumn.create("command"),
                StringColumn.create("event"), StringColumn.create("detail"), DoubleColumn.create("cpu_s"));
        for (SessionEvent e : events) {
            t.doubleColumn("seconds").append(e.seconds());
            t.longColumn("cycle").append(e.cycle());
            t.stringColumn("user").append(e.user());
            t.intColumn("job").append(e.job());
            t.intColumn("pid").append(e.pid());
            t.stringColumn("command").append(e.command());
            t.stringColumn("event").append(name(e.event()));
            t.stringColumn("detail").append(e.detail());
            t.doubleColumn("cpu_s").append(e.cpuSeconds());
        }
        return t;
    }

    /** How an event is spelled in tables: "preempted", "finished". */
    public static String name(TaskEvent event) {
        return event.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * When the CPU ran which job: one row per stretch on the CPU, from a start or resume to the next preemption, block,
     * sleep, yield or end (a job preempted and at once resumed, because no one else was ready, makes one row). Columns: cpu, user, job, command, start_s, end_s, seconds.
     */
    public Table timeline() {
        Table t = Table.create("timeline", StringColumn.create("cpu"), StringColumn.create("user"),
                IntColumn.create("job"), StringColumn.create("command"), DoubleColumn.create("start_s"),
                DoubleColumn.create("end_s"), DoubleColumn.create("seconds"));
        java.util.Map<Integer, SessionEvent> onCpu = new java.util.HashMap<>();
        for (SessionEvent e : events) {
            switch (e.event()) {
                case STARTED, RESUMED -> onCpu.put(e.job(), e);
                case PREEMPTED, YIELDED, BLOCKED, SLEEPING, FINISHED, UNFINISHED -> {
                    SessionEvent start = onCpu.remove(e.job());
                    int last = t.rowCount() - 1;
                    if (start != null && last >= 0 && t.intColumn("job").getInt(last) == e.job()
                            && t.doubleColumn("end_s").getDouble(last) == start.seconds()) {
                        // preempted and picked again at once (nobody else was ready): one stretch on the CPU
                        t.doubleColumn("end_s").set(last, e.seconds());
                        t.doubleColumn("seconds").set(last, e.seconds() - t.doubleColumn("start_s").getDouble(last));
                    } else if (start != null) {
                        t.stringColumn("cpu").append("CPU");
                        t.stringColumn("user").append(e.user());
                        t.intColumn("job").append(e.job());
                        t.stringColumn("command").append(e.command());
                        t.doubleColumn("start_s").append(start.seconds());
                        t.doubleColumn("end_s").append(e.seconds());
                        t.doubleColumn("seconds").append(e.seconds() - start.seconds());
                    }
                }
                default -> { }
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return "event log of " + events.size() + " events";
    }
}
