package vmlab.isa;

import static vmlab.isa.Instruction.ADDI;
import static vmlab.isa.Instruction.AUIPC;
import static vmlab.isa.Instruction.BEQ;
import static vmlab.isa.Instruction.BGE;
import static vmlab.isa.Instruction.BGEU;
import static vmlab.isa.Instruction.BLT;
import static vmlab.isa.Instruction.BLTU;
import static vmlab.isa.Instruction.BNE;
import static vmlab.isa.Instruction.CSRRC;
import static vmlab.isa.Instruction.CSRRCI;
import static vmlab.isa.Instruction.CSRRS;
import static vmlab.isa.Instruction.CSRRSI;
import static vmlab.isa.Instruction.CSRRW;
import static vmlab.isa.Instruction.CSRRWI;
import static vmlab.isa.Instruction.JAL;
import static vmlab.isa.Instruction.JALR;
import static vmlab.isa.Instruction.LUI;
import static vmlab.isa.Instruction.SLT;
import static vmlab.isa.Instruction.SLTIU;
import static vmlab.isa.Instruction.SLTU;
import static vmlab.isa.Instruction.SUB;
import static vmlab.isa.Instruction.XORI;
import static vmlab.isa.Instruction.ANDI;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pseudo-instructions of GNU as: names for common uses of real instructions. Each row says what it becomes, e.g.
 * {@code mv rd, rs} is {@code addi rd, rs, 0}. They expand exactly as GNU as 2.40 expands them without linker relaxation,
 * so the bytes are the same.
 */
final class Pseudo {

    private interface Expansion {
        List<Emission> expand(Operands ops);
    }

    private record Row(String syntax, String becomes, Expansion expansion) {
    }

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    private static final int ZERO = 0;
    private static final int RA = 1;
    private static final int T1 = 6;

    static {
        row("nop", "", "addi zero, zero, 0", ops -> {
            ops.expectCount(0, "");
            return one(ADDI, ZERO, ZERO, 0, 0, ops);
        });
        row("li", "rd, imm", "addi rd, zero, imm, or lui rd, %hi(imm) + addi rd, rd, %lo(imm)", Pseudo::li);
        row("la", "rd, symbol", "auipc rd, %pcrel_hi(symbol); addi rd, rd, %pcrel_lo", ops -> pcRelative(ops, ADDI));
        row("lla", "rd, symbol", "auipc rd, %pcrel_hi(symbol); addi rd, rd, %pcrel_lo", ops -> pcRelative(ops, ADDI));
        row("mv", "rd, rs", "addi rd, rs, 0", ops -> twoRegisters(ops, ADDI, false, 0));
        row("not", "rd, rs", "xori rd, rs, -1", ops -> twoRegisters(ops, XORI, false, -1));
        row("neg", "rd, rs", "sub rd, zero, rs", ops -> twoRegisters(ops, SUB, true, 0));
        row("seqz", "rd, rs", "sltiu rd, rs, 1", ops -> twoRegisters(ops, SLTIU, false, 1));
        row("snez", "rd, rs", "sltu rd, zero, rs", ops -> twoRegisters(ops, SLTU, true, 0));
        row("sltz", "rd, rs", "slt rd, rs, zero", ops -> {
            ops.expectCount(2, "rd, rs");
            return one(SLT, ops.register(0), ops.register(1), ZERO, 0, ops);
        });
        row("sgtz", "rd, rs", "slt rd, zero, rs", ops -> twoRegisters(ops, SLT, true, 0));
        row("zext.b", "rd, rs", "andi rd, rs, 255", ops -> twoRegisters(ops, ANDI, false, 255));
        // branches against zero
        row("beqz", "rs, target", "beq rs, zero, target", ops -> branchZero(ops, BEQ, false));
        row("bnez", "rs, target", "bne rs, zero, target", ops -> branchZero(ops, BNE, false));
        row("blez", "rs, target", "bge zero, rs, target", ops -> branchZero(ops, BGE, true));
        row("bgez", "rs, target", "bge rs, zero, target", ops -> branchZero(ops, BGE, false));
        row("bltz", "rs, target", "blt rs, zero, target", ops -> branchZero(ops, BLT, false));
        row("bgtz", "rs, target", "blt zero, rs, target", ops -> branchZero(ops, BLT, true));
        // branches with the operands swapped
        row("bgt", "rs, rt, target", "blt rt, rs, target", ops -> swappedBranch(ops, BLT));
        row("ble", "rs, rt, target", "bge rt, rs, target", ops -> swappedBranch(ops, BGE));
        row("bgtu", "rs, rt, target", "bltu rt, rs, target", ops -> swappedBranch(ops, BLTU));
        row("bleu", "rs, rt, target", "bgeu rt, rs, target", ops -> swappedBranch(ops, BGEU));
        // jumps
        row("j", "target", "jal zero, target", ops -> {
            ops.expectCount(1, "target");
            return one(JAL, ZERO, 0, 0, ops.offsetTo(0), ops);
        });
        row("jr", "rs", "jalr zero, 0(rs)", ops -> {
            ops.expectCount(1, "rs");
            return one(JALR, ZERO, ops.register(0), 0, 0, ops);
        });
        row("ret", "", "jalr zero, 0(ra)", ops -> {
            ops.expectCount(0, "");
            return one(JALR, ZERO, RA, 0, 0, ops);
        });
        row("call", "symbol", "auipc ra, %pcrel_hi(symbol); jalr ra, %pcrel_lo(ra)", ops -> farJump(ops, RA));
        row("tail", "symbol", "auipc t1, %pcrel_hi(symbol); jalr zero, %pcrel_lo(t1)", ops -> farJump(ops, T1));
        // control and status registers
        row("csrr", "rd, csr", "csrrs rd, csr, zero", ops -> {
            ops.expectCount(2, "rd, csr");
            return one(CSRRS, ops.register(0), ZERO, 0, ops.csr(1), ops);
        });
        row("csrw", "csr, rs", "csrrw zero, csr, rs", ops -> csrWrite(ops, CSRRW, CSRRWI));
        row("csrs", "csr, rs", "csrrs zero, csr, rs", ops -> csrWrite(ops, CSRRS, CSRRSI));
        row("csrc", "csr, rs", "csrrc zero, csr, rs", ops -> csrWrite(ops, CSRRC, CSRRCI));
        row("csrwi", "csr, uimm", "csrrwi zero, csr, uimm", ops -> csrWrite(ops, CSRRWI, CSRRWI));
        row("csrsi", "csr, uimm", "csrrsi zero, csr, uimm", ops -> csrWrite(ops, CSRRSI, CSRRSI));
        row("csrci", "csr, uimm", "csrrci zero, csr, uimm", ops -> csrWrite(ops, CSRRCI, CSRRCI));
        for (String counter : List.of("cycle", "time", "instret", "cycleh", "timeh", "instreth")) {
            row("rd" + counter, "rd", "csrrs rd, " + counter + ", zero", ops -> {
                ops.expectCount(1, "rd");
                return one(CSRRS, ops.register(0), ZERO, 0, Csr.number(counter).orElseThrow(), ops);
            });
        }
    }

    private Pseudo() {
    }

    private static void row(String name, String syntax, String becomes, Expansion expansion) {
        ROWS.put(name, new Row(syntax, becomes, expansion));
    }

    /** The expansion of pseudo-instruction {@code name}, or empty if it is no pseudo-instruction. */
    static Optional<List<Emission>> expand(String name, Operands ops) {
        Row row = ROWS.get(name);
        return row == null ? Optional.empty() : Optional.of(row.expansion().expand(ops));
    }

    static Set<String> names() {
        return ROWS.keySet();
    }

    /** The pseudo-instruction table, one line each: syntax and what it becomes. */
    static String table() {
        StringBuilder out = new StringBuilder();
        ROWS.forEach((name, row) -> out.append(String.format("%-10s %-16s %s%n", name, row.syntax(), row.becomes())));
        return out.toString();
    }

    private static List<Emission> one(Instruction in, int rd, int rs1, int rs2, long immediate, Operands ops) {
        return List.of(new Emission(in, Encoder.Fields.of(rd, rs1, rs2, immediate), ops.column(ops.count() - 1)));
    }

    /** {@code op rd, rs} as {@code in rd, rs, imm} or, with {@code zeroFirst}, {@code in rd, zero, rs}. */
    private static List<Emission> twoRegisters(Operands ops, Instruction in, boolean zeroFirst, long immediate) {
        ops.expectCount(2, "rd, rs");
        int rd = ops.register(0);
        int rs = ops.register(1);
        return zeroFirst ? one(in, rd, ZERO, rs, 0, ops) : one(in, rd, rs, 0, immediate, ops);
    }

    private static List<Emission> branchZero(Operands ops, Instruction in, boolean zeroFirst) {
        ops.expectCount(2, "rs, target");
        int rs = ops.register(0);
        long offset = ops.offsetTo(1);
        return zeroFirst ? one(in, 0, ZERO, rs, offset, ops) : one(in, 0, rs, ZERO, offset, ops);
    }

    private static List<Emission> swappedBranch(Operands ops, Instruction in) {
        ops.expectCount(3, "rs, rt, target");
        return one(in, 0, ops.register(1), ops.register(0), ops.offsetTo(2), ops);
    }

    /**
     * {@code li}: a constant that fits 12 signed bits is one addi; otherwise lui loads the upper 20 bits, rounded so that
     * the sign-extended addi of the low 12 bits lands on the value, and the addi is left out when those bits are zero.
     */
    private static List<Emission> li(Operands ops) {
        ops.expectCount(2, "rd, imm");
        int rd = ops.register(0);
        long value = ops.constant(1);
        if (value < Integer.MIN_VALUE || value > 0xffffffffL) {
            throw new OperandException(ops.column(1), Long.toString(value), value + " does not fit 32 bits");
        }
        int v = (int) value;
        int column = ops.column(1);
        if (v >= -2048 && v <= 2047) {
            return List.of(new Emission(ADDI, Encoder.Fields.of(rd, ZERO, 0, v), column));
        }
        List<Emission> out = new ArrayList<>();
        out.add(new Emission(LUI, Encoder.Fields.of(rd, 0, 0, Expression.hi20(v)), column));
        long low = Expression.lo12(v);
        if (low != 0) {
            out.add(new Emission(ADDI, Encoder.Fields.of(rd, rd, 0, low), column));
        }
        return out;
    }

    /** {@code la}/{@code lla}: auipc adds the upper part of the distance to the pc, the second instruction the lower part. */
    private static List<Emission> pcRelative(Operands ops, Instruction second) {
        ops.expectCount(2, "rd, symbol");
        int rd = ops.register(0);
        long offset = ops.offsetTo(1);
        int column = ops.column(1);
        return List.of(new Emission(AUIPC, Encoder.Fields.of(rd, 0, 0, Expression.hi20(offset)), column),
                new Emission(second, Encoder.Fields.of(rd, rd, 0, Expression.lo12(offset)), column));
    }

    /** {@code call}/{@code tail}: reach any address with auipc + jalr; call links in ra, tail borrows t1 and links nothing. */
    private static List<Emission> farJump(Operands ops, int through) {
        ops.expectCount(1, "symbol");
        long offset = ops.offsetTo(0);
        int column = ops.column(0);
        int link = through == RA ? RA : ZERO;
        return List.of(new Emission(AUIPC, Encoder.Fields.of(through, 0, 0, Expression.hi20(offset)), column),
                new Emission(JALR, Encoder.Fields.of(link, through, 0, Expression.lo12(offset)), column));
    }

    /** {@code csrw csr, rs} and friends write rd = zero; with an immediate instead of a register GNU uses the i-form. */
    private static List<Emission> csrWrite(Operands ops, Instruction withRegister, Instruction withImmediate) {
        ops.expectCount(2, "csr, " + (withRegister == withImmediate ? "uimm" : "rs"));
        int csr = ops.csr(0);
        if (withRegister != withImmediate && ops.isRegister(1)) {
            return one(withRegister, ZERO, ops.register(1), 0, csr, ops);
        }
        return List.of(new Emission(withImmediate, Encoder.Fields.of(ZERO, InstructionSyntax.uimm5(ops, 1), 0, csr), ops.column(1)));
    }

    /**
     * A load or store whose address is a symbol: {@code lw rd, symbol} is auipc rd + lw rd, %pcrel_lo(rd);
     * {@code sw rs, symbol, rt} needs the scratch register rt for the address.
     */
    static List<Emission> symbolAccess(Instruction in, Operands ops) {
        if (in.format == Format.I_OFFSET) {
            ops.expectCount(2, "rd, symbol");
            return pcRelative(ops, in);
        }
        ops.expectCount(3, "rs, symbol, rt");
        int rs = ops.register(0);
        int rt = ops.register(2);
        long offset = ops.offsetTo(1);
        int column = ops.column(1);
        return List.of(new Emission(AUIPC, Encoder.Fields.of(rt, 0, 0, Expression.hi20(offset)), column),
                new Emission(in, Encoder.Fields.of(0, rt, rs, Expression.lo12(offset)), column));
    }
}
