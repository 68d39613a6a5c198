package vmlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import vmlab.isa.Disassembler;
import vmlab.machine.Machine;

/**
 * Lockstep differential testing: the reference interpreter and a fast engine run the same program on two identical
 * machines, in chunks of varying length (1 instruction up to long runs, so that the fast engine's blocks, its
 * translations and its fall-backs all get their turn), and the full architectural state is compared after every chunk:
 * at block boundaries, in the middle of blocks, after traps.
 *
 * <p>On a mismatch it replays both machines (programs are deterministic) to the start of the failing chunk, then steps
 * them one instruction at a time to name the first instruction after which they differ.
 */
public final class Lockstep {
    private final Supplier<Machine> machines;
    private final Engine engine;
    private long maxInstructions = 50_000_000;
    private long seed = 1;
    private boolean compareRam = true;

    private Lockstep(Supplier<Machine> machines, Engine engine) {
        this.machines = machines;
        this.engine = engine;
    }

    /** {@code machines} must make identical machines, ready to run, on every call. */
    public static Lockstep of(Supplier<Machine> machines, Engine engine) {
        return new Lockstep(machines, engine);
    }

    public Lockstep limit(long instructions) {
        this.maxInstructions = instructions;
        return this;
    }

    public Lockstep seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** RAM is compared after each chunk unless turned off (it costs a scan of RAM per chunk). */
    public Lockstep compareRam(boolean on) {
        this.compareRam = on;
        return this;
    }

    /** The outcome: agreed (with how far they ran) or the first difference. */
    public record Result(boolean agreed, long instructions, int chunks, String difference) {
        @Override
        public String toString() {
            return agreed ? "agreed over " + instructions + " instructions in " + chunks + " chunks" : difference;
        }
    }

    public Result run() {
        ReferenceInterpreter reference = new ReferenceInterpreter();
        Machine expected = machines.get(), actual = machines.get();
        List<Long> chunks = new ArrayList<>();
        Random random = new Random(seed);
        long total = 0;
        while (total < maxInstructions) {
            long chunk = nextChunk(random);
            chunks.add(chunk);
            Stop s1 = reference.run(expected, chunk);
            Stop s2 = engine.run(actual, chunk);
            String difference = compare(expected, actual);
            if (difference == null && s1 != s2) {
                difference = "stopped for different reasons: " + s1 + " vs " + s2;
            }
            if (difference != null) {
                return new Result(false, expected.hart.mcycle, chunks.size(), locate(chunks, difference));
            }
            total += chunk;
            if (s1 != Stop.INSTRUCTION_LIMIT) {
                break;
            }
        }
        return new Result(true, expected.hart.mcycle, chunks.size(), null);
    }

    /** Mostly short chunks (block boundaries and mid-block stops), some long ones (hot translated loops). */
    private static long nextChunk(Random random) {
        int pick = random.nextInt(10);
        return pick < 4 ? 1 + random.nextInt(8) : pick < 8 ? 1 + random.nextInt(300) : 1 + random.nextInt(200_000);
    }

    private String compare(Machine expected, Machine actual) {
        List<String> d = ArchitecturalState.of(expected).differences(ArchitecturalState.of(actual));
        if (!d.isEmpty()) {
            return String.join("; ", d);
        }
        return compareRam ? ArchitecturalState.ramDifference(expected, actual) : null;
    }

    private String locate(List<Long> chunks, String chunkDifference) {
        ReferenceInterpreter reference = new ReferenceInterpreter();
        Machine expected = machines.get(), actual = machines.get();
        for (int k = 0; k < chunks.size() - 1; k++) {
            reference.run(expected, chunks.get(k));
            engine.run(actual, chunks.get(k));
        }
        String before = compare(expected, actual);
        if (before != null) {
            return "not reproducible on replay (is the program deterministic?): " + chunkDifference;
        }
        long last = chunks.get(chunks.size() - 1);
        for (long step = 0; step < last; step++) {
            int pc = expected.hart.pc;
            long word = expected.mmu.fetch(pc); // the same fetch on both, so that any A bit it sets is set on both
            actual.mmu.fetch(pc);
            long number = expected.hart.mcycle;
            reference.run(expected, 1);
            engine.run(actual, 1);
            String d = compare(expected, actual);
            if (d != null) {
                return String.format("%s differs from the reference after instruction #%d at pc 0x%08x%s: %s",
                        engine.name(), number, pc, word < 0 ? "" : " (" + Disassembler.disassemble((int) word, pc) + ")",
                        d);
            }
        }
        return String.format("%s differs from the reference in a run of %d instructions starting at instruction #%d "
                + "(single steps agree, so the difference is in how the engine runs a longer stretch): %s",
                engine.name(), last, expected.hart.mcycle - last, chunkDifference);
    }
}
