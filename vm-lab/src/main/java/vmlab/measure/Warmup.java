package vmlab.measure;

import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.Stop;
import vmlab.machine.Machine;

/**
 * Warm-up made visible: one run of a corpus program on one engine, cut into time slices, with the speed of each slice.
 * On the block compiler the speed climbs twice: as guest blocks are translated to bytecode, then as HotSpot compiles
 * that bytecode (first quickly with C1, later well with C2). The regions column shows the first stage.
 *
 * <pre>{@code
 * Table t = Warmup.of(new BlockCompiler(), "fib", 32).sliceMillis(20).onSlice(row -> chart.add(row)).run();
 * }</pre>
 */
public final class Warmup {
    /** One time slice: when it ended, its speed, and the translations made so far. */
    public record Slice(double millis, double mips, long instructions, long regionsCompiled) {
    }

    private final Engine engine;
    private final String program;
    private final int size;
    private double sliceMillis = 20;
    private Consumer<Slice> listener = s -> { };

    private Warmup(Engine engine, String program, int size) {
        this.engine = engine;
        this.program = program;
        this.size = size;
    }

    /** {@code program} from the corpus ("fib", "loop", "sieve", ...) with its size argument. */
    public static Warmup of(Engine engine, String program, int size) {
        return new Warmup(engine, program, size);
    }

    public Warmup sliceMillis(double millis) {
        this.sliceMillis = millis;
        return this;
    }

    /** Hears each slice as soon as it is measured (a live chart). */
    public Warmup onSlice(Consumer<Slice> listener) {
        this.listener = listener;
        return this;
    }

    /** Runs the program to its end; one row per slice: time (ms), MIPS, instructions, regions compiled. */
    public Table run() {
        Machine machine = Benchmark.start(program, size);
        DoubleColumn time = DoubleColumn.create("time (ms)"), mips = DoubleColumn.create("MIPS");
        LongColumn instructions = LongColumn.create("instructions"), regions = LongColumn.create("regions compiled");
        long chunk = 10_000;
        long start = System.nanoTime(), sliceStart = start, sliceFirst = 0;
        Stop stop = Stop.INSTRUCTION_LIMIT;
        while (stop == Stop.INSTRUCTION_LIMIT) {
            long chunkStart = System.nanoTime();
            stop = engine.run(machine, chunk);
            long now = System.nanoTime();
            // Chunks of about a tenth of a slice: fine enough to cut slices, coarse enough not to cost anything.
            double chunkMillis = Math.max((now - chunkStart) / 1e6, 0.001);
            chunk = Math.max(1_000, Math.min(chunk * 4, (long) (chunk * sliceMillis / 10 / chunkMillis)));
            if ((now - sliceStart) / 1e6 >= sliceMillis || stop != Stop.INSTRUCTION_LIMIT) {
                long done = machine.hart.minstret;
                Slice s = new Slice((now - start) / 1e6, (done - sliceFirst) / ((now - sliceStart) / 1e3), done,
                        engine instanceof BlockCompiler ? BlockCompiler.statistics(machine).regionsCompiled() : 0);
                time.append(s.millis());
                mips.append(s.mips());
                instructions.append(s.instructions());
                regions.append(s.regionsCompiled());
                listener.accept(s);
                sliceStart = now;
                sliceFirst = done;
            }
        }
        if (stop == Stop.INTERRUPTED) {
            Thread.currentThread().interrupt();
        }
        return Table.create(program + " " + size + " on the " + engine.name(), time, mips, instructions, regions);
    }
}
