package vmlab.isa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The 32 integer registers: their ABI names (what objdump prints) and every spelling the GNU assembler accepts. */
public final class Register {

    /** ABI names by register number; the calling convention gives each register a job (a = argument, s = saved, t = temporary). */
    private static final List<String> ABI_NAMES = List.of(
            "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
            "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
            "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
            "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6");

    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int i = 0; i < 32; i++) {
            BY_NAME.put(ABI_NAMES.get(i), i);
            BY_NAME.put("x" + i, i);
        }
        BY_NAME.put("fp", 8); // the frame pointer is s0
    }

    private Register() {
    }

    /** The ABI name of register {@code number} (0..31), as the disassembler prints it. */
    public static String name(int number) {
        return ABI_NAMES.get(number & 31);
    }

    /** The number of a register spelled as {@code a0}, {@code x10}, {@code fp}, ...; empty if it is no register name. */
    public static Optional<Integer> parse(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase()));
    }
}
