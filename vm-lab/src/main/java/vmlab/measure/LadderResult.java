package vmlab.measure;

import static vmlab.html.HtmlText.escape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.html.HtmlTable;
import vmlab.html.SignificantDigits;

/**
 * The measured overhead ladder: for every rung and workload, every timed sample (CPU and wall seconds), the guest
 * instructions of a run, and what the program printed. Every ratio is computed here from those samples: the best (least
 * disturbed) CPU time of a rung divided by native Java's best on the same workload.
 */
public final class LadderResult {
    public static final String NATIVE = "native Java";

    /** One rung on one workload: its timed samples and what its last run printed. */
    public record Row(String rung, String runsOn, String workload, double[] cpuSeconds, double[] wallSeconds,
                      long guestInstructions, String output, int warmUpRuns) {
        public Row {
            if (cpuSeconds.length == 0 || cpuSeconds.length != wallSeconds.length) {
                throw new IllegalArgumentException(rung + " on " + workload + ": no samples, or CPU and wall samples "
                        + "of different counts");
            }
            cpuSeconds = cpuSeconds.clone();
            wallSeconds = wallSeconds.clone();
        }

        /** The fastest timed run's CPU seconds: the figure of this rung. */
        public double bestCpuSeconds() {
            return Arrays.stream(cpuSeconds).min().orElseThrow();
        }

        public double bestWallSeconds() {
            return Arrays.stream(wallSeconds).min().orElseThrow();
        }

        /** (slowest - fastest) / fastest of the CPU samples, in percent: how much the timed runs disagree. */
        public double spreadPercent() {
            double max = Arrays.stream(cpuSeconds).max().orElseThrow();
            return (max - bestCpuSeconds()) / bestCpuSeconds() * 100;
        }

        @Override
        public double[] cpuSeconds() {
            return cpuSeconds.clone();
        }

        @Override
        public double[] wallSeconds() {
            return wallSeconds.clone();
        }

        /** Length and CRC-32 of the output: a short fingerprint to compare rungs by. */
        public String outputFingerprint() {
            CRC32 crc = new CRC32();
            crc.update(output.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return String.format("%,d bytes, crc %08x", output.length(), crc.getValue());
        }
    }

    private final List<Row> rows;
    private final int best;
    private final double warmUpSeconds;
    private final int warmUpRounds;
    private final boolean steady;

    /**
     * @param warmUpRounds rounds of untimed runs over every rung before the timed ones
     * @param steady       whether warm-up ended because runs were steady (false: it ran out of time)
     */
    public LadderResult(List<Row> rows, int best, double warmUpSeconds, int warmUpRounds, boolean steady) {
        this.rows = List.copyOf(rows);
        this.best = best;
        this.warmUpSeconds = warmUpSeconds;
        this.warmUpRounds = warmUpRounds;
        this.steady = steady;
        for (String workload : workloads()) {
            if (nativeRow(workload) == null) {
                throw new IllegalArgumentException("no native Java row for " + workload + ": nothing to divide by");
            }
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The workloads, in the order measured. */
    public List<String> workloads() {
        return rows.stream().map(Row::workload).distinct().toList();
    }

    /** The rungs, in the order measured (native Java first). */
    public List<String> rungs() {
        return rows.stream().map(Row::rung).distinct().toList();
    }

    public Row row(String rung, String workload) {
        return rows.stream().filter(r -> r.rung().equals(rung) && r.workload().equals(workload)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for " + rung + " on " + workload + "; rungs "
                        + rungs() + ", workloads " + workloads()));
    }

    private Row nativeRow(String workload) {
        return rows.stream().filter(r -> r.rung().equals(NATIVE) && r.workload().equals(workload)).findFirst()
                .orElse(null);
    }

    /** Best CPU time of {@code rung} over native Java's best, on {@code workload}. */
    public double ratio(String rung, String workload) {
        return row(rung, workload).bestCpuSeconds() / nativeRow(workload).bestCpuSeconds();
    }

    /** True when the rung printed exactly what native Java's transcript says, on every workload. */
    public boolean sameOutputAsNative(String rung) {
        return workloads().stream().allMatch(w -> row(rung, w).output().equals(nativeRow(w).output()));
    }

    /** One figure per rung: the geometric mean of its three ratios (the usual way to average ratios, as SPEC does). */
    public Map<String, Double> geometricMeans() {
        Map<String, Double> means = new LinkedHashMap<>();
        for (String rung : rungs()) {
            double logSum = 0;
            for (String workload : workloads()) {
                logSum += Math.log(ratio(rung, workload));
            }
            means.put(rung, Math.exp(logSum / workloads().size()));
        }
        return means;
    }

    /** The rungs from cheapest to dearest by their geometric mean: the ladder's measured order. */
    public List<String> measuredOrder() {
        List<String> order = new ArrayList<>(rungs());
        Map<String, Double> means = geometricMeans();
        order.sort((a, b) -> Double.compare(means.get(a), means.get(b)));
        return order;
    }

    /** Whether warm-up ended with steady runs and an idle compiler (false: its time limit ended it). */
    public boolean steady() {
        return steady;
    }

    /** How it was measured, in one line. */
    public String method() {
        String warm = warmUpSeconds == 0 ? "cold (one untimed round: each pair ran for 10 ms of CPU)" : "warm (" + warmUpRounds
                + " untimed rounds, until each pair had " + warmUpSeconds + " s of CPU and steady runs: " + (steady ? "reached"
                : "ended by its time limit first") + ")";
        return warm + ", best of " + best + " on this thread's CPU time; HotSpot's compiler and GC threads not counted";
    }

    /** Rung, workload, best CPU ms, x native, spread, guest instructions, output fingerprint, warm-up runs. */
    public Table table() {
        StringColumn rung = StringColumn.create("rung"), workload = StringColumn.create("workload"),
                output = StringColumn.create("output");
        DoubleColumn cpu = DoubleColumn.create("best CPU ms"), wall = DoubleColumn.create("best wall ms"),
                ratio = DoubleColumn.create("x native"), spread = DoubleColumn.create("spread %");
        LongColumn instructions = LongColumn.create("guest instructions");
        IntColumn warm = IntColumn.create("warm-up runs");
        for (Row r : rows) {
            rung.append(r.rung());
            workload.append(r.workload());
            cpu.append(round(r.bestCpuSeconds() * 1e3, 3));
            wall.append(round(r.bestWallSeconds() * 1e3, 3));
            ratio.append(SignificantDigits.round(ratio(r.rung(), r.workload())));
            spread.append(round(r.spreadPercent(), 1));
            instructions.append(r.guestInstructions());
            output.append(r.output().equals(nativeRow(r.workload()).output()) ? "same as native" : "DIFFERS: "
                    + abbreviate(r.output()));
            warm.append(r.warmUpRuns());
        }
        return Table.create("The overhead ladder: " + method(), rung, workload, cpu, wall, ratio, spread, instructions,
                output, warm);
    }

    /** One row per rung: its ratio on each workload and their geometric mean, rungs in measured order. */
    public Table summary() {
        StringColumn rung = StringColumn.create("rung");
        List<DoubleColumn> columns = new ArrayList<>();
        for (String w : workloads()) {
            columns.add(DoubleColumn.create(w.substring(0, w.indexOf(" (")) + " x native"));
        }
        DoubleColumn mean = DoubleColumn.create("geometric mean");
        Map<String, Double> means = geometricMeans();
        for (String r : measuredOrder()) {
            rung.append(r);
            for (int k = 0; k < workloads().size(); k++) {
                columns.get(k).append(SignificantDigits.round(ratio(r, workloads().get(k))));
            }
            mean.append(SignificantDigits.round(means.get(r)));
        }
        Table table = Table.create("The overhead ladder, cheapest rung first", rung);
        columns.forEach(table::addColumns);
        return table.addColumns(mean);
    }

    /** The summary as an HTML table, with the method under it (the notebook's rich display). */
    public String toHtml() {
        return HtmlTable.of(summary()) + "<div style=\"font-size:smaller\">x native: best CPU time over native Java's best. "
                + escape(method()) + ". Outputs: " + outputsInWords() + "</div>";
    }

    private String outputsInWords() {
        List<String> differ = rungs().stream().filter(r -> !sameOutputAsNative(r)).toList();
        return differ.isEmpty() ? "every rung printed native Java's transcript." : "DIFFER on " + differ + ".";
    }

    @Override
    public String toString() {
        return summary().printAll() + "\n" + method() + "\nOutputs: " + outputsInWords();
    }

    static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
