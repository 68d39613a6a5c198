package vmlab.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;
import vmlab.os.LinuxProcess;

/** The committed guest corpus (vm-lab/guest), loaded from resources onto fresh machines. */
public final class Corpus {
    private Corpus() {
    }

    public static Elf elf(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream("/vmlab/guest/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no guest resource " + resource);
            }
            return ElfLoader.parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fresh machines, each with the user program {@code name} started with {@code args} (stdout discarded). */
    public static Supplier<Machine> userProgram(int ramSize, String name, String... args) {
        Elf elf = elf(name + ".elf");
        List<String> argv = new ArrayList<>(List.of(name));
        argv.addAll(List.of(args));
        return () -> {
            Machine machine = new Machine(ramSize);
            LinuxProcess.start(machine, elf, argv, Map.of(), null, LinuxProcess.Streams.of(
                    new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
            return machine;
        };
    }

    /** Fresh machines with the bare-metal test {@code name} (bare/NAME.elf) loaded. */
    public static Supplier<Machine> bareProgram(String name) {
        Elf elf = elf("bare/" + name + ".elf");
        return () -> {
            Machine machine = new Machine(1 << 20);
            machine.load(elf.image());
            return machine;
        };
    }
}
