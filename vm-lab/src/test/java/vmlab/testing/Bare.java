package vmlab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.isa.Assembler;
import vmlab.isa.Image;
import vmlab.machine.Bus;
import vmlab.machine.Machine;

/** A bare-metal test program built word by word at RAM's base, then run on a fresh machine. */
public final class Bare {
    public static final int BASE = Bus.RAM_BASE;
    private final List<Integer> words = new ArrayList<>();

    public Bare emit(int... instructions) {
        for (int w : instructions) {
            words.add(w);
        }
        return this;
    }

    /** The address of the next word emitted. */
    public int here() {
        return BASE + 4 * words.size();
    }

    public Image image() {
        byte[] bytes = new byte[words.size() * 4];
        for (int k = 0; k < words.size(); k++) {
            int w = words.get(k);
            bytes[4 * k] = (byte) w;
            bytes[4 * k + 1] = (byte) (w >> 8);
            bytes[4 * k + 2] = (byte) (w >> 16);
            bytes[4 * k + 3] = (byte) (w >> 24);
        }
        return new Image("test", List.of(new Image.Segment(BASE, bytes, bytes.length, true, true)), BASE, Map.of());
    }

    /** Fresh 1 MiB machines, each loaded with the program assembled from {@code source} (assembled once). */
    public static Supplier<Machine> assembled(String source) {
        Image image = Assembler.assemble(source).image();
        return () -> {
            Machine m = new Machine(1 << 20);
            m.load(image);
            return m;
        };
    }

    public Machine machine() {
        Machine m = new Machine(1 << 20);
        m.load(image());
        return m;
    }

    /** Runs {@code count} instructions on a fresh machine and returns it. */
    public Machine run(int count) {
        Machine m = machine();
        Stop stop = new ReferenceInterpreter().run(m, count);
        if (stop != Stop.INSTRUCTION_LIMIT && stop != Stop.EXITED) {
            throw new AssertionError("unexpected stop: " + stop);
        }
        return m;
    }
}
