package vmlab.cloud;

import vmlab.filesystem.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tenants' VM requests, in order of arrival: made up from a seed, or read from a CSV file. */
public final class RequestTrace {
    static final String HEADER = "id,tenant,arrival_h,departure_h,cores,memory_gib,disk_gib,stop_h,restart_h";
    private final String name;
    private final List<VmRequest> requests;

    private RequestTrace(String name, List<VmRequest> requests) {
        this.name = name;
        this.requests = List.copyOf(requests);
    }

    public static RequestTrace of(String name, List<VmRequest> requests) {
        List<VmRequest> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparingDouble(VmRequest::arrival));
        List<VmRequest> numbered = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            VmRequest r = sorted.get(i);
            numbered.add(new VmRequest(i, r.tenant(), r.arrival(), r.departure(), r.cores(), r.memoryGiB(),
                    r.diskGiB(), r.stopAt(), r.restartAt()));
        }
        return new RequestTrace(name, numbered);
    }

    /**
     * {@code count} VM requests spread over a year, seeded. Sizes follow what small tenants book: 1 core (45 %), 2 (30 %),
     * 4 (17 %) or 8 (8 %), with 2, 4 or 8 GiB per core; stays are log-normal around a day (a few last months); one VM in
     * five is stopped once for a while and restarted later.
     */
    public static RequestTrace synthetic(long seed, int count) {
        return synthetic(seed, count, 24 * 365);
    }

    public static RequestTrace synthetic(long seed, int count, double spanHours) {
        if (count < 0 || count > 4_000_000) {
            throw new IllegalArgumentException("a synthetic trace has 0 to 4,000,000 requests, not " + count);
        }
        if (!(spanHours >= 1)) {
            throw new IllegalArgumentException("a trace spans at least an hour, not " + spanHours);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<VmRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double arrival = random.nextDouble() * spanHours;
            double stay = Math.min(24 * 90, Math.exp(Math.log(24) + 1.2 * random.nextGaussian()));
            stay = Math.max(0.25, stay);
            double u = random.nextDouble();
            int cores = u < 0.45 ? 1 : u < 0.75 ? 2 : u < 0.92 ? 4 : 8;
            int memory = cores * (2 << random.nextInt(3));
            int disk = 20 + 10 * random.nextInt(9);
            double stopAt = -1, restartAt = -1;
            if (stay > 2 && random.nextDouble() < 0.2) {
                stopAt = arrival + stay * (0.2 + 0.3 * random.nextDouble());
                restartAt = stopAt + stay * (0.1 + 0.3 * random.nextDouble());
            }
            requests.add(new VmRequest(i, "tenant" + random.nextInt(Math.max(1, count / 10)), arrival, arrival + stay,
                    cores, memory, disk, stopAt, restartAt));
        }
        return of("synthetic trace (seed " + seed + ", " + count + " VMs)", requests);
    }

    /** Reads the CSV that {@link #write} writes; a mistake names the file, the line and the field. */
    public static RequestTrace read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new DemandFormatException(csv, 1, "expected the header '" + HEADER + "' (hours and GiB as units)");
        }
        List<VmRequest> requests = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s*,\\s*", -1);
            if (f.length != 9) {
                throw new DemandFormatException(csv, i + 1, "expected 9 fields, found " + f.length);
            }
            try {
                requests.add(new VmRequest(whole(csv, i + 1, "id", f[0]), f[1], hours(csv, i + 1, "arrival_h", f[2]),
                        hours(csv, i + 1, "departure_h", f[3]), whole(csv, i + 1, "cores", f[4]),
                        whole(csv, i + 1, "memory_gib", f[5]), whole(csv, i + 1, "disk_gib", f[6]),
                        f[7].isEmpty() ? -1 : hours(csv, i + 1, "stop_h", f[7]),
                        f[8].isEmpty() ? -1 : hours(csv, i + 1, "restart_h", f[8])));
            } catch (DemandFormatException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new DemandFormatException(csv, i + 1, e.getMessage());
            }
        }
        return of(csv.getFileName().toString(), requests);
    }

    private static int whole(Path csv, int line, String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DemandFormatException(csv, line, field + " '" + text + "' is not a whole number");
        }
    }

    private static double hours(Path csv, int line, String field, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DemandFormatException(csv, line, field + " '" + text + "' is not a number of hours");
        }
    }

    /** Writes the trace as CSV, atomically. */
    public void write(Path csv) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (VmRequest r : requests) {
            out.append(r.id()).append(',').append(r.tenant()).append(',').append(r.arrival()).append(',')
                    .append(r.departure()).append(',').append(r.cores()).append(',').append(r.memoryGiB()).append(',')
                    .append(r.diskGiB()).append(',').append(r.stops() ? String.valueOf(r.stopAt()) : "").append(',')
                    .append(r.stops() ? String.valueOf(r.restartAt()) : "").append('\n');
        }
        AtomicFile.write(csv, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public List<VmRequest> requests() {
        return requests;
    }

    public int size() {
        return requests.size();
    }

    /** The first {@code n} requests, for a quick look. */
    public Table table(int n) {
        IntColumn id = IntColumn.create("id");
        StringColumn tenant = StringColumn.create("tenant");
        DoubleColumn arrival = DoubleColumn.create("arrival_h");
        DoubleColumn departure = DoubleColumn.create("departure_h");
        IntColumn cores = IntColumn.create("cores");
        IntColumn memory = IntColumn.create("memory_gib");
        StringColumn stop = StringColumn.create("stopped");
        for (VmRequest r : requests.subList(0, Math.min(n, requests.size()))) {
            id.append(r.id());
            tenant.append(r.tenant());
            arrival.append(r.arrival());
            departure.append(r.departure());
            cores.append(r.cores());
            memory.append(r.memoryGiB());
            stop.append(r.stops() ? String.format("%.1f h to %.1f h", r.stopAt(), r.restartAt()) : "");
        }
        return Table.create(name, id, tenant, arrival, departure, cores, memory, stop);
    }

    @Override
    public String toString() {
        return name + ": " + requests.size() + " VM requests";
    }
}
