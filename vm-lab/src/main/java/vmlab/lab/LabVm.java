package vmlab.lab;

import static vmlab.html.HtmlText.escape;

import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.hypervisor.ExitReason;
import vmlab.hypervisor.ExitTimeline;
import vmlab.hypervisor.GuestVm;

/**
 * A VM as a notebook cell sees it: lifecycle calls that read like the lecture's hotel (start, pause, resume, snapshot,
 * power off and on), its console, and its exits by reason.
 */
public final class LabVm {
    static final long RUN_BUDGET = 1_000_000_000L;
    private final VmHost host;
    private final GuestVm vm;

    LabVm(VmHost host, GuestVm vm) {
        this.host = host;
        this.vm = vm;
    }

    /** Powers on and runs (with the other running VMs) until this one stops or pauses. */
    public LabVm start() {
        vm.start();
        return runUntilStopped();
    }

    /** Powers on without running: several VMs can then be run together with {@code host.run()}. */
    public LabVm powerOn() {
        vm.start();
        return this;
    }

    public LabVm pause() {
        vm.pause();
        return this;
    }

    /** Resumes and runs until it stops. */
    public LabVm resume() {
        vm.resume();
        return runUntilStopped();
    }

    /** Pulls the plug: it stops at once and its RAM goes back to the host. */
    public LabVm powerOff() {
        vm.powerOff();
        return this;
    }

    /** Saves the paused VM to {@code path}, atomically. */
    public LabVm snapshot(String path) {
        vm.snapshot(path);
        return this;
    }

    /** Restores a snapshot of a VM of the same configuration: paused where it was saved; {@link #resume()} goes on. */
    public LabVm restore(String path) {
        vm.restore(path);
        return this;
    }

    /** Runs the host for at most {@code instructions} (this VM and the others that are on). */
    public LabVm run(long instructions) {
        host.run(vm, instructions);
        return this;
    }

    private LabVm runUntilStopped() {
        host.runUntilStopped(vm);
        return this;
    }

    /** Types {@code text} on the VM's console (its UART, interrupt-driven through its PLIC) and runs until it waits. */
    public LabVm type(String text) {
        vm.type(text);
        return runUntilStopped();
    }

    public String console() {
        return vm.console();
    }

    public String state() {
        return vm.state().toString();
    }

    public GuestVm guest() {
        return vm;
    }

    /** Exits by reason, with their share and their assumed cost in simulated cycles. */
    public Table exits() {
        StringColumn reason = StringColumn.create("reason");
        LongColumn count = LongColumn.create("exits");
        DoubleColumn share = DoubleColumn.create("share %");
        LongColumn cycles = LongColumn.create("cycles each (assumed)");
        long total = Math.max(1, vm.exitCount());
        for (Map.Entry<ExitReason, Long> e : vm.exits().entrySet()) {
            reason.append(e.getKey().label());
            count.append(e.getValue());
            share.append(100.0 * e.getValue() / total);
            cycles.append(vm.hypervisor().costs().of(e.getKey()));
        }
        return Table.create("exits of VM " + vm.name(), reason, count, share, cycles);
    }

    /**
     * Its exits per simulated millisecond over time, by reason: one row per millisecond and reason in which the VM made
     * exits. {@code Charts.lines(vm.exitRate(), "simulated ms", "exits per ms", "reason")} draws it.
     */
    public Table exitRate() {
        Table table = exitRateTable();
        for (ExitTimeline.Bucket s : vm.timeline().samples()) {
            append(table, s);
        }
        return table;
    }

    /**
     * Feeds each exit-rate sample to {@code chart} as the VM runs: a live chart in a cell,
     * {@code try (var live = Charts.live("exits").fromRows("simulated ms", "exits per ms", "reason")) {
     * vm.watchExits(live).start(); }}.
     */
    public LabVm watchExits(java.util.function.Consumer<tech.tablesaw.api.Row> chart) {
        vm.timeline().watch(s -> {
            Table one = exitRateTable();
            append(one, s);
            chart.accept(one.row(0));
        });
        return this;
    }

    private static Table exitRateTable() {
        return Table.create("exit rate", DoubleColumn.create("simulated ms"), DoubleColumn.create("exits per ms"),
                StringColumn.create("reason"));
    }

    private void append(Table table, ExitTimeline.Bucket s) {
        table.doubleColumn("simulated ms").append(s.startMs());
        table.doubleColumn("exits per ms").append((double) s.exits() * ExitTimeline.CYCLES_PER_MS
                / vm.timeline().bucketCycles());
        table.stringColumn("reason").append(s.reason().label());
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<div><b>VM ").append(escape(vm.name())).append("</b> &middot; ")
                .append(vm.state()).append(" &middot; ").append(vm.ramBytes() >> 20).append(" MiB &middot; ")
                .append(vm.executionName()).append(" &middot; ")
                .append(String.format("%,d guest instructions, %,d exits, %,d interrupts injected",
                        vm.guestInstructions(), vm.exitCount(), vm.injectedInterrupts()));
        if (vm.stopReason() != null) {
            html.append("<br><i>").append(escape(vm.stopReason())).append("</i>");
        }
        html.append("</div><div style=\"display:flex;gap:16px\"><pre style=\"max-height:20em;overflow:auto\">")
                .append(escape(vm.console())).append("</pre><table>");
        long most = vm.exits().values().stream().mapToLong(Long::longValue).max().orElse(1);
        for (Map.Entry<ExitReason, Long> e : vm.exits().entrySet()) {
            int width = (int) (160 * e.getValue() / Math.max(1, most));
            html.append("<tr><td style=\"padding:1px 6px;text-align:left;white-space:nowrap\">").append(e.getKey().label())
                    .append("</td><td style=\"text-align:right;font-family:monospace;white-space:nowrap\">")
                    .append(String.format("%,d", e.getValue()))
                    .append("</td><td><div style=\"background:#4a7ebb;height:10px;width:").append(width)
                    .append("px\"></div></td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    static String lastLine(String console) {
        String trimmed = console.stripTrailing();
        int at = trimmed.lastIndexOf('\n');
        return at < 0 ? trimmed : trimmed.substring(at + 1);
    }

    @Override
    public String toString() {
        return vm.toString();
    }
}
