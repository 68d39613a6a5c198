package vmlab.engine;

import java.io.PrintStream;
import vmlab.machine.Cause;
import vmlab.machine.Hart;
import vmlab.machine.Tracer;

/**
 * Prints one line per retired instruction, as {@code vmlab emu --trace} shows it:
 * <pre>
 * 0x00010094  00100513  addi a0,zero,1                  a0=0x00000001
 * </pre>
 * and one line per trap ({@code trap: illegal instruction at 0x..., tval 0x...}).
 */
public final class TraceWriter implements Tracer {
    /** Turns an instruction word at a pc into assembly text. */
    @FunctionalInterface
    public interface Disassembly {
        String of(int word, int pc);
    }

    private final PrintStream out;
    private final Disassembly disassembly;

    public TraceWriter(PrintStream out, Disassembly disassembly) {
        this.out = out;
        this.disassembly = disassembly;
    }

    @Override
    public void retired(int pc, int word, int rd, int value) {
        String text = disassembly.of(word, pc).replace('\t', ' ');
        out.println(rd < 0
                ? String.format("0x%08x  %08x  %s", pc, word, text).stripTrailing()
                : String.format("0x%08x  %08x  %-32s %s=0x%08x", pc, word, text, Hart.ABI_NAMES[rd], value));
    }

    @Override
    public void trapped(int pc, int cause, int tval) {
        out.printf("trap: %s at 0x%08x, tval 0x%08x%n", Cause.name(cause), pc, tval);
    }
}
