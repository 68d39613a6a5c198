package vmlab.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.isa.Image;
import vmlab.machine.Elf;
import vmlab.machine.Machine;
import vmlab.os.LinuxProcess;

/** A user-mode Linux test program: code words at 0x10000, data bytes at 0x20000, run as a process. */
public final class UserProgram {
    public static final int CODE = 0x1_0000, DATA = 0x2_0000;
    private final List<Integer> words = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public UserProgram emit(int... instructions) {
        for (int w : instructions) {
            words.add(w);
        }
        return this;
    }

    /** Adds a NUL-terminated string to the data segment and returns its address. */
    public int string(String s) {
        int address = DATA + data.size();
        data.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
        return address;
    }

    /** Emits a system call: a7 = number, a0.. = arguments. */
    public UserProgram syscall(int number, int... arguments) {
        for (int k = 0; k < arguments.length; k++) {
            emit(Encode.li(10 + k, arguments[k]));
        }
        emit(Encode.li(17, number));
        return emit(Encode.ECALL);
    }

    /** exit(a0) */
    public UserProgram exitWithA0() {
        emit(Encode.li(17, 93));
        return emit(Encode.ECALL);
    }

    public Elf elf() {
        byte[] code = new byte[words.size() * 4];
        for (int k = 0; k < words.size(); k++) {
            int w = words.get(k);
            code[4 * k] = (byte) w;
            code[4 * k + 1] = (byte) (w >> 8);
            code[4 * k + 2] = (byte) (w >> 16);
            code[4 * k + 3] = (byte) (w >> 24);
        }
        byte[] bytes = data.toByteArray();
        Image image = new Image("test", List.of(new Image.Segment(CODE, code, code.length, true, false),
                new Image.Segment(DATA, bytes, Math.max(bytes.length, 4096), false, true)), CODE, Map.of());
        return new Elf(image, 0, 32, 0);
    }

    /** What a run produced. */
    public record Result(Machine machine, Stop stop, String stdout, String stderr) {
        public int exitCode() {
            return machine.exitCode();
        }
    }

    public Result run(Path labDirectory) {
        Machine machine = new Machine(16 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        LinuxProcess.start(machine, elf(), List.of("test"), Map.of(), labDirectory,
                LinuxProcess.Streams.of(new ByteArrayInputStream("input\n".getBytes(StandardCharsets.UTF_8)), out, err));
        Stop stop = new ReferenceInterpreter().run(machine, 10_000_000);
        return new Result(machine, stop, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
