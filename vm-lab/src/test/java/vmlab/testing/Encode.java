package vmlab.testing;

/** Hand encoding of RV32 instructions for tests that must not depend on the assembler. */
public final class Encode {
    private Encode() {
    }

    public static int r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    public static int i(int imm, int rs1, int funct3, int rd, int opcode) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    public static int s(int imm, int rs2, int rs1, int funct3, int opcode) {
        return ((imm >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 0x1F) << 7 | opcode;
    }

    public static int b(int imm, int rs2, int rs1, int funct3) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    public static int lui(int rd, int upper20) {
        return upper20 << 12 | rd << 7 | 0x37;
    }

    public static int auipc(int rd, int upper20) {
        return upper20 << 12 | rd << 7 | 0x17;
    }

    public static int jal(int rd, int offset) {
        return ((offset >> 20) & 1) << 31 | ((offset >> 1) & 0x3FF) << 21 | ((offset >> 11) & 1) << 20
                | ((offset >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
    }

    public static int jalr(int rd, int rs1, int offset) {
        return i(offset, rs1, 0, rd, 0x67);
    }

    public static int addi(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x13);
    }

    public static int op(int funct7, int funct3, int rd, int rs1, int rs2) {
        return r(funct7, rs2, rs1, funct3, rd, 0x33);
    }

    public static int add(int rd, int rs1, int rs2) {
        return op(0, 0, rd, rs1, rs2);
    }

    public static int lw(int rd, int rs1, int offset) {
        return i(offset, rs1, 2, rd, 0x03);
    }

    public static int load(int funct3, int rd, int rs1, int offset) {
        return i(offset, rs1, funct3, rd, 0x03);
    }

    public static int sw(int rs2, int rs1, int offset) {
        return s(offset, rs2, rs1, 2, 0x23);
    }

    public static int store(int funct3, int rs2, int rs1, int offset) {
        return s(offset, rs2, rs1, funct3, 0x23);
    }

    public static int amo(int funct5, int rd, int rs1, int rs2) {
        return r(funct5 << 2, rs2, rs1, 2, rd, 0x2F);
    }

    /** csrrw/csrrs/csrrc (funct3 1..3) and the immediate forms (5..7). */
    public static int csr(int funct3, int rd, int csr, int rs1OrImm) {
        return csr << 20 | rs1OrImm << 15 | funct3 << 12 | rd << 7 | 0x73;
    }

    public static int csrw(int csr, int rs1) {
        return csr(1, 0, csr, rs1);
    }

    public static int csrr(int rd, int csr) {
        return csr(2, rd, csr, 0);
    }

    /** li for any 32-bit value: lui + addi (two words). */
    public static int[] li(int rd, int value) {
        int low = (value << 20) >> 20;
        int high = (value - low) >>> 12;
        return new int[] {lui(rd, high), addi(rd, rd, low)};
    }

    public static final int ECALL = 0x0000_0073, EBREAK = 0x0010_0073, MRET = 0x3020_0073, SRET = 0x1020_0073,
            WFI = 0x1050_0073, SFENCE_VMA = 0x1200_0073, NOP = 0x0000_0013;
}
