package vmlab.isa;

/**
 * How an instruction's 32 bits are laid out, and which operands it takes in assembly. The base formats of the spec are R, I,
 * S, B, U and J; the others here are those same layouts with a different operand syntax (a load is I-type written
 * {@code rd, offset(rs1)}) or with extra fixed bits (a shift is I-type whose top seven bits are part of the opcode).
 *
 * <p>{@link #fixedBits} is the mask of bits that the format reserves for the opcode; an instruction matches a word when
 * {@code (word & mask) == match}.
 */
public enum Format {
    /** {@code rd, rs1, rs2}: funct7 | rs2 | rs1 | funct3 | rd | opcode. */
    R(0xfe00707f, "rd, rs1, rs2"),
    /** {@code rd, rs1, imm}: imm[11:0] | rs1 | funct3 | rd | opcode. */
    I(0x0000707f, "rd, rs1, imm12"),
    /** {@code rd, rs1, shamt}: an I-type whose upper immediate bits are fixed; RV32 shifts by 0..31. */
    I_SHIFT(0xfe00707f, "rd, rs1, shamt5"),
    /** {@code rd, offset(rs1)}: I-type, for loads and jalr. */
    I_OFFSET(0x0000707f, "rd, imm12(rs1)"),
    /** {@code rs2, offset(rs1)}: imm[11:5] | rs2 | rs1 | funct3 | imm[4:0] | opcode. */
    S(0x0000707f, "rs2, imm12(rs1)"),
    /** {@code rs1, rs2, target}: B-type, a 13-bit even offset scattered over the S-type immediate bits. */
    B(0x0000707f, "rs1, rs2, target"),
    /** {@code rd, imm20}: the upper 20 bits of a value. */
    U(0x0000007f, "rd, imm20"),
    /** {@code rd, target}: J-type, a 21-bit even offset. */
    J(0x0000007f, "rd, target"),
    /** {@code rd, (rs1)} with optional .aq/.rl: an R-type whose rs2 must be zero. */
    R_RESERVE(0xf9f0707f, "rd, (rs1)"),
    /** {@code rd, rs2, (rs1)} with optional .aq/.rl: funct5 | aq | rl | rs2 | rs1 | funct3 | rd | opcode. */
    R_ATOMIC(0xf800707f, "rd, rs2, (rs1)"),
    /** {@code rd, csr, rs1}: csr[11:0] | rs1 | funct3 | rd | opcode. */
    I_CSR(0x0000707f, "rd, csr, rs1"),
    /** {@code rd, csr, uimm}: the rs1 field holds a 5-bit unsigned immediate. */
    I_CSR_UIMM(0x0000707f, "rd, csr, uimm5"),
    /** {@code pred, succ}: fm | pred | succ | rs1 | funct3 | rd | opcode; fm, rs1 and rd must be zero. */
    I_FENCE(0xf00fffff, "pred, succ"),
    /** {@code rs1, rs2}: an R-type whose rd must be zero. */
    R_SFENCE(0xfe007fff, "rs1, rs2"),
    /** {@code rd, (rs1)}: the hypervisor's guest loads (HLV, HLVX), an R-type whose funct7 and rs2 field are the opcode. */
    R_GUEST_LOAD(0xfff0707f, "rd, (rs1)"),
    /** {@code rs2, (rs1)}: the hypervisor's guest stores (HSV), an R-type whose rd must be zero. */
    R_GUEST_STORE(0xfe007fff, "rs2, (rs1)"),
    /** No operands: every bit is fixed. */
    FIXED(0xffffffff, "");

    /** The bits this format reserves for the opcode. */
    public final int fixedBits;
    /** The operand syntax, as the table shows it to a student. */
    public final String operands;

    Format(int fixedBits, String operands) {
        this.fixedBits = fixedBits;
        this.operands = operands;
    }

    public static int rd(int word) {
        return (word >>> 7) & 31;
    }

    public static int rs1(int word) {
        return (word >>> 15) & 31;
    }

    public static int rs2(int word) {
        return (word >>> 20) & 31;
    }

    /** The I-type immediate: bits 31..20, sign-extended. */
    public static int immediateI(int word) {
        return word >> 20;
    }

    /** The S-type immediate: bits 31..25 and 11..7, sign-extended. */
    public static int immediateS(int word) {
        return ((word >> 25) << 5) | ((word >>> 7) & 0x1f);
    }

    /** The B-type offset: imm[12|10:5] in bits 31..25, imm[4:1|11] in bits 11..7; always even. */
    public static int immediateB(int word) {
        return ((word >> 31) << 12) | (((word >>> 7) & 1) << 11) | (((word >>> 25) & 0x3f) << 5)
                | (((word >>> 8) & 0xf) << 1);
    }

    /** The U-type immediate: bits 31..12 as a 20-bit number (what {@code lui a0, 0x12345} writes). */
    public static int immediateU(int word) {
        return word >>> 12;
    }

    /** The J-type offset: imm[20|10:1|11|19:12] in bits 31..12; always even. */
    public static int immediateJ(int word) {
        return ((word >> 31) << 20) | (((word >>> 12) & 0xff) << 12) | (((word >>> 20) & 1) << 11)
                | (((word >>> 21) & 0x3ff) << 1);
    }

    public static int placeRd(int rd) {
        return (rd & 31) << 7;
    }

    public static int placeRs1(int rs1) {
        return (rs1 & 31) << 15;
    }

    public static int placeRs2(int rs2) {
        return (rs2 & 31) << 20;
    }

    public static int placeI(int imm) {
        return (imm & 0xfff) << 20;
    }

    public static int placeS(int imm) {
        return ((imm >> 5) & 0x7f) << 25 | (imm & 0x1f) << 7;
    }

    public static int placeB(int offset) {
        return ((offset >> 12) & 1) << 31 | ((offset >> 5) & 0x3f) << 25 | ((offset >> 1) & 0xf) << 8
                | ((offset >> 11) & 1) << 7;
    }

    public static int placeU(int imm20) {
        return (imm20 & 0xfffff) << 12;
    }

    public static int placeJ(int offset) {
        return ((offset >> 20) & 1) << 31 | ((offset >> 1) & 0x3ff) << 21 | ((offset >> 11) & 1) << 20
                | ((offset >> 12) & 0xff) << 12;
    }
}
