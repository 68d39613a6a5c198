package vmlab.cloud;

import static vmlab.html.HtmlText.escape;
import static vmlab.html.HtmlText.labelled;

import vmlab.filesystem.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A shop's demand for computing, hour by hour: how many CPU cores its web site keeps busy. The lecture's point lives in
 * its shape: a fleet must be bought for the highest hour of the year, and the highest hour is far above the typical one.
 */
public final class HourlyDemand {
    private final String name;
    private final LocalDateTime start;
    private final double[] cores;

    HourlyDemand(String name, LocalDateTime start, double[] cores) {
        this.name = name;
        this.start = start;
        this.cores = cores;
    }

    /** Demand from a list of hourly values in cores, starting at {@code start}. */
    public static HourlyDemand of(String name, LocalDateTime start, double... cores) {
        for (int h = 0; h < cores.length; h++) {
            if (!(cores[h] >= 0) || Double.isInfinite(cores[h])) {
                throw new IllegalArgumentException(name + ": hour " + h + " has demand " + cores[h]
                        + "; demand is a number of busy cores, 0 or more");
            }
        }
        if (cores.length == 0) {
            throw new IllegalArgumentException(name + ": no hours of demand");
        }
        return new HourlyDemand(name, start, cores.clone());
    }

    /**
     * Reads a CSV file with the header {@code hour,cores}: one row per hour, hours numbered 0, 1, 2, ... without gaps,
     * cores a non-negative number. A mistake is reported with the file, the line and what is wrong.
     */
    public static HourlyDemand read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DemandFormatException(csv, 1, "the file is empty; expected the header 'hour,cores'");
        }
        String[] header = lines.get(0).trim().split("\\s*,\\s*");
        if (header.length != 2 || !header[0].equals("hour")) {
            throw new DemandFormatException(csv, 1, "the header is '" + lines.get(0).trim()
                    + "'; expected 'hour,cores'");
        }
        if (!header[1].equals("cores")) {
            throw new DemandFormatException(csv, 1, "the second column is '" + header[1] + "', but demand is read in "
                    + "cores (CPU cores kept busy); convert it and name the column 'cores'");
        }
        double[] values = new double[lines.size() - 1];
        int count = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*");
            if (cells.length != 2) {
                throw new DemandFormatException(csv, i + 1, "expected 2 values (hour,cores), found " + cells.length);
            }
            int hour = parseInt(csv, i + 1, "hour", cells[0]);
            double value = parseDouble(csv, i + 1, cells[1]);
            if (hour != count) {
                throw new DemandFormatException(csv, i + 1, hour > count
                        ? "hours " + count + " to " + (hour - 1) + " are missing (a gap in the series)"
                        : "hour " + hour + " comes after hour " + (count - 1) + "; hours must go up by one");
            }
            if (value < 0) {
                throw new DemandFormatException(csv, i + 1, "demand " + cells[1] + " is negative");
            }
            values[count++] = value;
        }
        if (count == 0) {
            throw new DemandFormatException(csv, 2, "no hours after the header");
        }
        return new HourlyDemand(csv.getFileName().toString(), LocalDateTime.of(2026, 1, 1, 0, 0),
                Arrays.copyOf(values, count));
    }

    private static int parseInt(Path csv, int line, String what, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DemandFormatException(csv, line, what + " '" + text + "' is not a whole number");
        }
    }

    private static double parseDouble(Path csv, int line, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DemandFormatException(csv, line, "cores '" + text + "' is not a number");
        }
    }

    /** Writes the {@code hour,cores} CSV that {@link #read} reads, atomically (a temporary file, then a rename). */
    public void write(Path csv) throws IOException {
        StringBuilder out = new StringBuilder("hour,cores\n");
        for (int h = 0; h < cores.length; h++) {
            out.append(h).append(',').append(cores[h]).append('\n');
        }
        AtomicFile.write(csv, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public int hours() {
        return cores.length;
    }

    /** Busy cores in hour {@code h} (0 is the first hour). */
    public double at(int h) {
        return cores[h];
    }

    public LocalDateTime timeOf(int h) {
        return start.plusHours(h);
    }

    public double peak() {
        return Arrays.stream(cores).max().orElse(0);
    }

    public int peakHour() {
        int best = 0;
        for (int h = 1; h < cores.length; h++) {
            if (cores[h] > cores[best]) {
                best = h;
            }
        }
        return best;
    }

    public double mean() {
        return Arrays.stream(cores).average().orElse(0);
    }

    /** The demand value below which {@code share} of the hours lie (0.5: the median hour). */
    public double percentile(double share) {
        double[] sorted = cores.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
    }

    /** The fleet needed to serve every hour with servers of {@code coresPerServer} cores, and how idle it sits. */
    public FleetSizing fleetFor(int coresPerServer) {
        return FleetSizing.of(this, coresPerServer);
    }

    /** One row per hour: hour, time, cores. */
    public Table table() {
        IntColumn hour = IntColumn.create("hour");
        StringColumn time = StringColumn.create("time");
        DoubleColumn value = DoubleColumn.create("cores");
        for (int h = 0; h < cores.length; h++) {
            hour.append(h);
            time.append(timeOf(h).toString());
            value.append(cores[h]);
        }
        return Table.create(name, hour, time, value);
    }

    /**
     * Two rows per day, ready for a chart with one line each: the day, its date, the statistic ("daily peak" or "daily
     * mean") and its value in busy cores. A year of hours would be too dense to read; days keep the peaks visible.
     */
    public Table daily() {
        IntColumn day = IntColumn.create("day");
        StringColumn date = StringColumn.create("date");
        StringColumn statistic = StringColumn.create("statistic");
        DoubleColumn value = DoubleColumn.create("cores");
        for (int d = 0; d * 24 < cores.length; d++) {
            double sum = 0, max = 0;
            int n = 0;
            for (int h = d * 24; h < Math.min(cores.length, d * 24 + 24); h++, n++) {
                sum += cores[h];
                max = Math.max(max, cores[h]);
            }
            for (String which : new String[] {"daily peak", "daily mean"}) {
                day.append(d);
                date.append(timeOf(d * 24).toLocalDate().toString());
                statistic.append(which);
                value.append(which.equals("daily peak") ? max : sum / n);
            }
        }
        return Table.create(name + " by day", day, date, statistic, value);
    }

    double[] values() {
        return cores;
    }

    @Override
    public String toString() {
        return String.format("%s: %d hours, mean %.0f cores, peak %.0f cores at %s (%.1f x the mean)", name,
                cores.length, mean(), peak(), timeOf(peakHour()), peak() / mean());
    }

    public String toHtml() {
        return "<div><b>" + escape(name) + "</b>: " + cores.length + " hours of demand<br>"
                + labelled("mean", String.format("%.0f cores", mean()))
                + labelled("median hour", String.format("%.0f cores", percentile(0.5)))
                + labelled("peak", String.format("%.0f cores on %s (%.1f&times; the mean)", peak(),
                timeOf(peakHour()), peak() / mean()))
                + "</div>";
    }
}
