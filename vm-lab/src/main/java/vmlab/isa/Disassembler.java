package vmlab.isa;

import static vmlab.isa.Format.rd;
import static vmlab.isa.Format.rs1;
import static vmlab.isa.Format.rs2;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Turns instruction words back into assembly text, exactly as {@code riscv64-unknown-elf-objdump -d -M no-aliases} prints
 * them: the mnemonic, a tab, the operands separated by commas without spaces; ABI register names; branch and jump targets as
 * absolute hex addresses without {@code 0x}; CSRs by name. We chose the no-aliases form because it shows the real instruction a
 * word holds ({@code addi zero,zero,0}, not {@code nop}); the pseudo-instructions live only in the assembler.
 *
 * <p>A word that is no instruction of the lab machine prints as objdump prints it: {@code .4byte 0x...}. Nothing here throws.
 */
public final class Disassembler {

    private Disassembler() {
    }

    /** One instruction word at address {@code pc} (the pc matters only for branch and jump targets). */
    public static String disassemble(int word, int pc) {
        Optional<Instruction> decoded = Instruction.decode(word);
        if (decoded.isEmpty()) {
            return unknown(word);
        }
        Instruction in = decoded.get();
        String operands = operands(in, word, pc);
        return operands.isEmpty() ? in.mnemonic + orderingSuffix(in, word) : in.mnemonic + orderingSuffix(in, word) + "\t" + operands;
    }

    /** What objdump prints for a word it cannot decode. */
    public static String unknown(int word) {
        return ".4byte\t0x" + Integer.toHexString(word);
    }

    private static String operands(Instruction in, int word, int pc) {
        String rd = Register.name(rd(word));
        String rs1 = Register.name(rs1(word));
        String rs2 = Register.name(rs2(word));
        return switch (in.format) {
            case R -> rd + "," + rs1 + "," + rs2;
            case I -> rd + "," + rs1 + "," + Format.immediateI(word);
            case I_SHIFT -> rd + "," + rs1 + ",0x" + Integer.toHexString(rs2(word));
            case I_OFFSET -> rd + "," + Format.immediateI(word) + "(" + rs1 + ")";
            case S -> rs2 + "," + Format.immediateS(word) + "(" + rs1 + ")";
            case B -> rs1 + "," + rs2 + "," + Integer.toHexString(pc + Format.immediateB(word));
            case U -> rd + ",0x" + Integer.toHexString(Format.immediateU(word));
            case J -> rd + "," + Integer.toHexString(pc + Format.immediateJ(word));
            case R_RESERVE -> rd + ",(" + rs1 + ")";
            case R_ATOMIC -> rd + "," + rs2 + ",(" + rs1 + ")";
            case I_CSR -> rd + "," + Csr.name(word >>> 20) + "," + rs1;
            case I_CSR_UIMM -> rd + "," + Csr.name(word >>> 20) + "," + rs1(word);
            case I_FENCE -> FenceSet.name((word >>> 24) & 0xf) + "," + FenceSet.name((word >>> 20) & 0xf);
            case R_SFENCE -> rs1 + "," + rs2;
            case R_GUEST_LOAD -> rd + ",(" + rs1 + ")";
            case R_GUEST_STORE -> rs2 + ",(" + rs1 + ")";
            case FIXED -> "";
        };
    }

    /** The acquire/release bits of an atomic, written as a suffix of its mnemonic ({@code amoswap.w.aqrl}). */
    private static String orderingSuffix(Instruction in, int word) {
        if (in.format != Format.R_ATOMIC && in.format != Format.R_RESERVE) {
            return "";
        }
        boolean aq = (word & (1 << 26)) != 0;
        boolean rl = (word & (1 << 25)) != 0;
        return (aq ? rl ? ".aqrl" : ".aq" : rl ? ".rl" : "");
    }

    /**
     * A listing of {@code bytes} loaded at {@code address}, one word per line as objdump prints it
     * ({@code 80000000:\t00000513\taddi\ta0,zero,0}); trailing bytes that make no whole word are shown as {@code .byte}.
     */
    public static String disassemble(byte[] bytes, int address) {
        return disassemble(bytes, address, Map.of());
    }

    /**
     * A listing of {@code count} words read through {@code wordAt} (for example a machine's memory), starting at
     * {@code address}: what "disassembly around the pc" shows without copying memory.
     */
    public static String disassemble(IntUnaryOperator wordAt, int address, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int pc = address + 4 * i;
            int word = wordAt.applyAsInt(pc);
            out.append(String.format("%8x:\t%08x\t%s%n", pc, word, disassemble(word, pc)));
        }
        return out.toString();
    }

    /** A listing of every executable segment of {@code image}, with a {@code <symbol>:} line where a label points. */
    public static String disassemble(Image image) {
        Map<Integer, String> labels = new TreeMap<>();
        image.symbols().forEach((name, value) -> labels.putIfAbsent(value, name));
        StringBuilder out = new StringBuilder();
        for (Image.Segment segment : image.segments()) {
            if (segment.executable()) {
                out.append(disassemble(segment.bytes(), segment.address(), labels));
            }
        }
        return out.toString();
    }

    private static String disassemble(byte[] bytes, int address, Map<Integer, String> labels) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i + 4 <= bytes.length; i += 4) {
            int pc = address + i;
            String label = labels.get(pc);
            if (label != null) {
                out.append(String.format("%n%08x <%s>:%n", pc, label));
            }
            int word = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
            out.append(String.format("%8x:\t%08x\t%s%n", pc, word, disassemble(word, pc)));
        }
        for (; i < bytes.length; i++) {
            out.append(String.format("%8x:\t%02x\t.byte\t0x%x%n", address + i, bytes[i] & 0xff, bytes[i] & 0xff));
        }
        return out.toString();
    }
}
