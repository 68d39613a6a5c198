package vmlab.charts;

import java.util.Random;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small tables shaped like the course's measurements, for the chart tests and the benchmark. */
final class SampleTables {

    private SampleTables() {
    }

    /** Seconds per configuration; native twice (two repetitions). */
    static Table emulationCost(double nativeSeconds, double fastSeconds, double referenceSeconds) {
        return Table.create("runs",
                StringColumn.create("configuration", "native", "fast interpreter", "reference interpreter", "native"),
                DoubleColumn.create("seconds", nativeSeconds, fastSeconds, referenceSeconds, nativeSeconds));
    }

    /** Response time against users for several quantum sizes. */
    static Table responseTimes(String... quanta) {
        Table table = Table.create("sweep", IntColumn.create("users"), DoubleColumn.create("response_ms"),
                StringColumn.create("quantum"));
        for (int q = 0; q < quanta.length; q++) {
            for (int users = 1; users <= 10; users++) {
                table.intColumn("users").append(users);
                table.doubleColumn("response_ms").append(users * (q + 1) * 1.5);
                table.stringColumn("quantum").append(quanta[q]);
            }
        }
        return table;
    }

    /** A warm-up curve of {@code points} samples, exactly 10 ms apart. */
    static Table warmUp(int points) {
        return warmUp(points, 0);
    }

    /** A warm-up curve sampled about every 10 ms, each sample up to {@code jitter} seconds late, as timers are. */
    static Table warmUp(int points, double jitter) {
        Random random = new Random(42);
        Table table = Table.create("warm-up", DoubleColumn.create("time"), DoubleColumn.create("mips"));
        for (int i = 0; i < points; i++) {
            table.doubleColumn("time").append(i * 0.01 + jitter * random.nextDouble());
            table.doubleColumn("mips").append(200 * (1 - Math.exp(-i / 150.0)) + 5 * random.nextGaussian());
        }
        return table;
    }
}
