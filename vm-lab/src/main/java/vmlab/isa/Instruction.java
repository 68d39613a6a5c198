package vmlab.isa;

import static vmlab.isa.Format.B;
import static vmlab.isa.Format.FIXED;
import static vmlab.isa.Format.I;
import static vmlab.isa.Format.I_CSR;
import static vmlab.isa.Format.I_CSR_UIMM;
import static vmlab.isa.Format.I_FENCE;
import static vmlab.isa.Format.I_OFFSET;
import static vmlab.isa.Format.I_SHIFT;
import static vmlab.isa.Format.J;
import static vmlab.isa.Format.R;
import static vmlab.isa.Format.R_ATOMIC;
import static vmlab.isa.Format.R_RESERVE;
import static vmlab.isa.Format.R_SFENCE;
import static vmlab.isa.Format.R_GUEST_LOAD;
import static vmlab.isa.Format.R_GUEST_STORE;
import static vmlab.isa.Format.S;
import static vmlab.isa.Format.U;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every instruction of RV32IMA + Zicsr + Zifencei and the privileged instructions, one row each: its assembly name, its format,
 * the value of its fixed bits, the extension it comes from and what it does. "What is SRA?" is the row {@link #SRA}.
 *
 * <p>In the descriptions, {@code >>s} is an arithmetic shift (copies the sign bit), {@code >>u} a logical one, {@code sx} sign
 * extension and {@code zx} zero extension; {@code M[a]} is memory at address {@code a}.
 */
public enum Instruction {
    // RV32I: upper immediates and jumps
    LUI("lui", U, 0x00000037, "RV32I", "rd = imm20 << 12"),
    AUIPC("auipc", U, 0x00000017, "RV32I", "rd = pc + (imm20 << 12)"),
    JAL("jal", J, 0x0000006f, "RV32I", "rd = pc + 4; pc = pc + offset"),
    JALR("jalr", I_OFFSET, 0x00000067, "RV32I", "rd = pc + 4; pc = (rs1 + imm) & ~1"),
    // RV32I: conditional branches (pc-relative, +-4 KiB)
    BEQ("beq", B, 0x00000063, "RV32I", "if rs1 == rs2: pc = pc + offset"),
    BNE("bne", B, 0x00001063, "RV32I", "if rs1 != rs2: pc = pc + offset"),
    BLT("blt", B, 0x00004063, "RV32I", "if rs1 < rs2 (signed): pc = pc + offset"),
    BGE("bge", B, 0x00005063, "RV32I", "if rs1 >= rs2 (signed): pc = pc + offset"),
    BLTU("bltu", B, 0x00006063, "RV32I", "if rs1 < rs2 (unsigned): pc = pc + offset"),
    BGEU("bgeu", B, 0x00007063, "RV32I", "if rs1 >= rs2 (unsigned): pc = pc + offset"),
    // RV32I: loads and stores (any alignment on the lab machine)
    LB("lb", I_OFFSET, 0x00000003, "RV32I", "rd = sx(M[rs1 + imm] as byte)"),
    LH("lh", I_OFFSET, 0x00001003, "RV32I", "rd = sx(M[rs1 + imm] as halfword)"),
    LW("lw", I_OFFSET, 0x00002003, "RV32I", "rd = M[rs1 + imm] as word"),
    LBU("lbu", I_OFFSET, 0x00004003, "RV32I", "rd = zx(M[rs1 + imm] as byte)"),
    LHU("lhu", I_OFFSET, 0x00005003, "RV32I", "rd = zx(M[rs1 + imm] as halfword)"),
    SB("sb", S, 0x00000023, "RV32I", "M[rs1 + imm] as byte = rs2[7:0]"),
    SH("sh", S, 0x00001023, "RV32I", "M[rs1 + imm] as halfword = rs2[15:0]"),
    SW("sw", S, 0x00002023, "RV32I", "M[rs1 + imm] as word = rs2"),
    // RV32I: arithmetic with an immediate
    ADDI("addi", I, 0x00000013, "RV32I", "rd = rs1 + imm"),
    SLTI("slti", I, 0x00002013, "RV32I", "rd = (rs1 < imm) signed ? 1 : 0"),
    SLTIU("sltiu", I, 0x00003013, "RV32I", "rd = (rs1 < imm) unsigned ? 1 : 0"),
    XORI("xori", I, 0x00004013, "RV32I", "rd = rs1 ^ imm"),
    ORI("ori", I, 0x00006013, "RV32I", "rd = rs1 | imm"),
    ANDI("andi", I, 0x00007013, "RV32I", "rd = rs1 & imm"),
    SLLI("slli", I_SHIFT, 0x00001013, "RV32I", "rd = rs1 << shamt"),
    SRLI("srli", I_SHIFT, 0x00005013, "RV32I", "rd = rs1 >>u shamt"),
    SRAI("srai", I_SHIFT, 0x40005013, "RV32I", "rd = rs1 >>s shamt"),
    // RV32I: register-register arithmetic
    ADD("add", R, 0x00000033, "RV32I", "rd = rs1 + rs2"),
    SUB("sub", R, 0x40000033, "RV32I", "rd = rs1 - rs2"),
    SLL("sll", R, 0x00001033, "RV32I", "rd = rs1 << rs2[4:0]"),
    SLT("slt", R, 0x00002033, "RV32I", "rd = (rs1 < rs2) signed ? 1 : 0"),
    SLTU("sltu", R, 0x00003033, "RV32I", "rd = (rs1 < rs2) unsigned ? 1 : 0"),
    XOR("xor", R, 0x00004033, "RV32I", "rd = rs1 ^ rs2"),
    SRL("srl", R, 0x00005033, "RV32I", "rd = rs1 >>u rs2[4:0]"),
    SRA("sra", R, 0x40005033, "RV32I", "rd = rs1 >>s rs2[4:0]"),
    OR("or", R, 0x00006033, "RV32I", "rd = rs1 | rs2"),
    AND("and", R, 0x00007033, "RV32I", "rd = rs1 & rs2"),
    // RV32I: ordering and the environment
    FENCE("fence", I_FENCE, 0x0000000f, "RV32I", "order the pred accesses (i,o,r,w) before the succ accesses"),
    FENCE_TSO("fence.tso", FIXED, 0x8330000f, "RV32I", "order like total store ordering: rw before rw, except w before r"),
    ECALL("ecall", FIXED, 0x00000073, "RV32I", "trap: environment call from the current mode (a system call)"),
    EBREAK("ebreak", FIXED, 0x00100073, "RV32I", "trap: breakpoint"),
    // Zifencei
    FENCE_I("fence.i", FIXED, 0x0000100f, "Zifencei", "later instruction fetches see earlier stores (self-modifying code)"),
    // M: multiply and divide (x / 0 = -1, x % 0 = x, MIN / -1 = MIN, MIN % -1 = 0; never a trap)
    MUL("mul", R, 0x02000033, "M", "rd = (rs1 * rs2)[31:0]"),
    MULH("mulh", R, 0x02001033, "M", "rd = (rs1 signed * rs2 signed)[63:32]"),
    MULHSU("mulhsu", R, 0x02002033, "M", "rd = (rs1 signed * rs2 unsigned)[63:32]"),
    MULHU("mulhu", R, 0x02003033, "M", "rd = (rs1 unsigned * rs2 unsigned)[63:32]"),
    DIV("div", R, 0x02004033, "M", "rd = rs1 / rs2 signed, rounded toward zero"),
    DIVU("divu", R, 0x02005033, "M", "rd = rs1 / rs2 unsigned"),
    REM("rem", R, 0x02006033, "M", "rd = rs1 % rs2 signed (sign of the dividend)"),
    REMU("remu", R, 0x02007033, "M", "rd = rs1 % rs2 unsigned"),
    // A: load-reserved / store-conditional and atomic memory operations; .aq/.rl set bits 26/25
    LR_W("lr.w", R_RESERVE, 0x1000202f, "A", "rd = M[rs1]; reserve the address"),
    SC_W("sc.w", R_ATOMIC, 0x1800202f, "A", "if still reserved: M[rs1] = rs2, rd = 0; else rd = 1"),
    AMOSWAP_W("amoswap.w", R_ATOMIC, 0x0800202f, "A", "rd = M[rs1]; M[rs1] = rs2"),
    AMOADD_W("amoadd.w", R_ATOMIC, 0x0000202f, "A", "rd = M[rs1]; M[rs1] = rd + rs2"),
    AMOXOR_W("amoxor.w", R_ATOMIC, 0x2000202f, "A", "rd = M[rs1]; M[rs1] = rd ^ rs2"),
    AMOAND_W("amoand.w", R_ATOMIC, 0x6000202f, "A", "rd = M[rs1]; M[rs1] = rd & rs2"),
    AMOOR_W("amoor.w", R_ATOMIC, 0x4000202f, "A", "rd = M[rs1]; M[rs1] = rd | rs2"),
    AMOMIN_W("amomin.w", R_ATOMIC, 0x8000202f, "A", "rd = M[rs1]; M[rs1] = min(rd, rs2) signed"),
    AMOMAX_W("amomax.w", R_ATOMIC, 0xa000202f, "A", "rd = M[rs1]; M[rs1] = max(rd, rs2) signed"),
    AMOMINU_W("amominu.w", R_ATOMIC, 0xc000202f, "A", "rd = M[rs1]; M[rs1] = min(rd, rs2) unsigned"),
    AMOMAXU_W("amomaxu.w", R_ATOMIC, 0xe000202f, "A", "rd = M[rs1]; M[rs1] = max(rd, rs2) unsigned"),
    // Zicsr: read the old value into rd, then write / set bits / clear bits (no write when rs1 is x0 or uimm is 0 for set/clear)
    CSRRW("csrrw", I_CSR, 0x00001073, "Zicsr", "rd = csr; csr = rs1"),
    CSRRS("csrrs", I_CSR, 0x00002073, "Zicsr", "rd = csr; csr = csr | rs1"),
    CSRRC("csrrc", I_CSR, 0x00003073, "Zicsr", "rd = csr; csr = csr & ~rs1"),
    CSRRWI("csrrwi", I_CSR_UIMM, 0x00005073, "Zicsr", "rd = csr; csr = uimm"),
    CSRRSI("csrrsi", I_CSR_UIMM, 0x00006073, "Zicsr", "rd = csr; csr = csr | uimm"),
    CSRRCI("csrrci", I_CSR_UIMM, 0x00007073, "Zicsr", "rd = csr; csr = csr & ~uimm"),
    /** objdump names this one word even with {@code -M no-aliases}: it writes a read-only CSR, so it always traps. */
    UNIMP("unimp", FIXED, 0xc0001073, "Zicsr", "csrrw zero,cycle,zero: always an illegal-instruction trap"),
    // Privileged architecture
    WFI("wfi", FIXED, 0x10500073, "Priv", "wait for an interrupt (may do nothing)"),
    MRET("mret", FIXED, 0x30200073, "Priv", "return from a machine-mode trap: pc = mepc, mode = mstatus.MPP"),
    SRET("sret", FIXED, 0x10200073, "Priv", "return from a supervisor-mode trap: pc = sepc, mode = sstatus.SPP"),
    SFENCE_VMA("sfence.vma", R_SFENCE, 0x12000073, "Priv", "flush cached translations (rs1 = address, rs2 = address space)"),
    // The H extension: the hypervisor's fences and its loads and stores through a guest's two-stage translation
    HFENCE_VVMA("hfence.vvma", R_SFENCE, 0x22000073, "H", "flush a guest's cached VS-stage translations"),
    HFENCE_GVMA("hfence.gvma", R_SFENCE, 0x62000073, "H", "flush cached G-stage translations (rs1 = guest physical >> 2)"),
    HLV_B("hlv.b", R_GUEST_LOAD, 0x60004073, "H", "rd = guest M[rs1] (byte, sign-extended), as V=1 with hstatus.SPVP"),
    HLV_BU("hlv.bu", R_GUEST_LOAD, 0x60104073, "H", "rd = guest M[rs1] (byte, zero-extended)"),
    HLV_H("hlv.h", R_GUEST_LOAD, 0x64004073, "H", "rd = guest M[rs1] (halfword, sign-extended)"),
    HLV_HU("hlv.hu", R_GUEST_LOAD, 0x64104073, "H", "rd = guest M[rs1] (halfword, zero-extended)"),
    HLVX_HU("hlvx.hu", R_GUEST_LOAD, 0x64304073, "H", "rd = guest M[rs1] (halfword) from an executable page"),
    HLV_W("hlv.w", R_GUEST_LOAD, 0x68004073, "H", "rd = guest M[rs1] (word)"),
    HLVX_WU("hlvx.wu", R_GUEST_LOAD, 0x68304073, "H", "rd = guest M[rs1] (word) from an executable page"),
    HSV_B("hsv.b", R_GUEST_STORE, 0x62004073, "H", "guest M[rs1] = rs2 (byte), as V=1 with hstatus.SPVP"),
    HSV_H("hsv.h", R_GUEST_STORE, 0x66004073, "H", "guest M[rs1] = rs2 (halfword)"),
    HSV_W("hsv.w", R_GUEST_STORE, 0x6a004073, "H", "guest M[rs1] = rs2 (word)");

    /** The assembly name, as {@code as} accepts and {@code objdump} prints it. */
    public final String mnemonic;
    public final Format format;
    /** The value of the fixed bits (opcode, funct3, funct7, ...). */
    public final int match;
    /** The bits that must equal {@link #match}. */
    public final int mask;
    public final String extension;
    public final String meaning;

    Instruction(String mnemonic, Format format, int match, String extension, String meaning) {
        this.mnemonic = mnemonic;
        this.format = format;
        this.match = match;
        this.mask = format.fixedBits;
        this.extension = extension;
        this.meaning = meaning;
    }

    private static final Map<String, Instruction> BY_MNEMONIC = new HashMap<>();
    /** Candidates by major opcode (bits 6..0), the most specific (most fixed bits) first, so unimp wins over csrrw. */
    private static final List<List<Instruction>> BY_OPCODE = new ArrayList<>();

    static {
        for (int i = 0; i < 128; i++) {
            BY_OPCODE.add(new ArrayList<>());
        }
        Arrays.stream(values())
                .sorted(Comparator.comparingInt((Instruction in) -> Integer.bitCount(in.mask)).reversed())
                .forEach(in -> BY_OPCODE.get(in.match & 0x7f).add(in));
        for (Instruction in : values()) {
            BY_MNEMONIC.put(in.mnemonic, in);
        }
    }

    /** The instruction this word encodes, or empty if it is no instruction of the lab machine (an illegal instruction). */
    public static Optional<Instruction> decode(int word) {
        for (Instruction candidate : BY_OPCODE.get(word & 0x7f)) {
            if ((word & candidate.mask) == candidate.match) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The row for an assembly name such as {@code "sra"} or {@code "amoadd.w"} (without .aq/.rl). */
    public static Optional<Instruction> named(String mnemonic) {
        return Optional.ofNullable(BY_MNEMONIC.get(mnemonic.toLowerCase()));
    }

    /** The whole table, one line per instruction, as a student reads it. */
    public static String table() {
        StringBuilder out = new StringBuilder(String.format("%-11s %-16s %-14s %-10s %-9s %s%n",
                "instruction", "operands", "format", "match", "extension", "meaning"));
        for (Instruction in : values()) {
            out.append(in).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return String.format("%-11s %-16s %-14s 0x%08x %-9s %s", mnemonic, format.operands, format, match, extension, meaning);
    }
}
