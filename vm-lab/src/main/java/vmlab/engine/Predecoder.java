package vmlab.engine;

/**
 * Decodes an instruction word once into the form the fast engines run: an operation number with its register fields
 * packed in one int ({@code op | rd << 8 | rs1 << 13 | rs2 << 18}) and the immediate ready to use.
 *
 * <p>Decoding does the work the reference interpreter repeats on every execution: picking the operation out of opcode,
 * funct3 and funct7, and assembling the scattered immediate bits. It also folds cases the hot loop should not test for:
 * an ALU result written to {@code x0} becomes {@link #NOP}; a jump to {@code x0} becomes {@link #J} or {@link #JR}.
 * Everything rare or privileged (CSRs, ecall, xRET, atomics, illegal words, branches to misaligned targets) becomes
 * {@link #DELEGATE}: the engines hand that one instruction to the reference interpreter, which gets its traps right.
 */
final class Predecoder {
    static final int UNDECODED = 0, DELEGATE = 1, PAGE_END = 2, NOP = 3, FENCE_I = 4,
            LUI = 5, AUIPC = 6, JAL = 7, J = 8, JALR = 9, JR = 10,
            BEQ = 11, BNE = 12, BLT = 13, BGE = 14, BLTU = 15, BGEU = 16,
            LB = 17, LH = 18, LW = 19, LBU = 20, LHU = 21, SB = 22, SH = 23, SW = 24,
            ADDI = 25, SLTI = 26, SLTIU = 27, XORI = 28, ORI = 29, ANDI = 30, SLLI = 31, SRLI = 32, SRAI = 33,
            ADD = 34, SUB = 35, SLL = 36, SLT = 37, SLTU = 38, XOR = 39, SRL = 40, SRA = 41, OR = 42, AND = 43,
            MUL = 44, MULH = 45, MULHSU = 46, MULHU = 47, DIV = 48, DIVU = 49, REM = 50, REMU = 51;

    private Predecoder() {
    }

    static int kind(int op) {
        return op & 0xFF;
    }

    static int rd(int op) {
        return (op >>> 8) & 31;
    }

    static int rs1(int op) {
        return (op >>> 13) & 31;
    }

    static int rs2(int op) {
        return (op >>> 18) & 31;
    }

    static boolean isBranch(int kind) {
        return kind >= BEQ && kind <= BGEU;
    }

    static boolean isLoad(int kind) {
        return kind >= LB && kind <= LHU;
    }

    static boolean isStore(int kind) {
        return kind >= SB && kind <= SW;
    }

    /** The bytes a load or store of this kind moves. */
    static int accessSize(int kind) {
        return switch (kind) {
            case LW, SW -> 4;
            case LH, LHU, SH -> 2;
            default -> 1;
        };
    }

    /** Ends a straight line of code: control moves somewhere only known at run time or at the end of the instruction. */
    static boolean endsBlock(int kind) {
        return kind >= JAL && kind <= BGEU || kind == DELEGATE || kind == PAGE_END || kind == FENCE_I;
    }

    private static int pack(int kind, int rd, int rs1, int rs2) {
        return kind | rd << 8 | rs1 << 13 | rs2 << 18;
    }

    /** The packed operation of {@code insn}; its immediate is {@link #immediate}. */
    static int decode(int insn) {
        int rd = (insn >>> 7) & 31, rs1 = (insn >>> 15) & 31, rs2 = (insn >>> 20) & 31;
        int funct3 = (insn >>> 12) & 7, funct7 = insn >>> 25;
        int kind = switch (insn & 0x7F) {
            case 0b0110111 -> rd == 0 ? NOP : LUI;
            case 0b0010111 -> rd == 0 ? NOP : AUIPC;
            case 0b1101111 -> (ReferenceInterpreter.immJ(insn) & 3) != 0 ? DELEGATE : rd == 0 ? J : JAL;
            case 0b1100111 -> funct3 != 0 ? DELEGATE : rd == 0 ? JR : JALR;
            case 0b1100011 -> (ReferenceInterpreter.immB(insn) & 3) != 0 ? DELEGATE : switch (funct3) {
                case 0 -> BEQ; case 1 -> BNE; case 4 -> BLT; case 5 -> BGE; case 6 -> BLTU; case 7 -> BGEU;
                default -> DELEGATE;
            };
            // A load into x0 still faults or touches a device: rare enough to leave to the reference interpreter.
            case 0b0000011 -> rd == 0 ? DELEGATE : switch (funct3) {
                case 0 -> LB; case 1 -> LH; case 2 -> LW; case 4 -> LBU; case 5 -> LHU; default -> DELEGATE;
            };
            case 0b0100011 -> switch (funct3) { case 0 -> SB; case 1 -> SH; case 2 -> SW; default -> DELEGATE; };
            case 0b0010011 -> switch (funct3) {
                case 0 -> ADDI; case 2 -> SLTI; case 3 -> SLTIU; case 4 -> XORI; case 6 -> ORI; case 7 -> ANDI;
                case 1 -> funct7 == 0 ? SLLI : DELEGATE;
                default -> funct7 == 0 ? SRLI : funct7 == 0x20 ? SRAI : DELEGATE;
            };
            case 0b0110011 -> switch (funct7 << 3 | funct3) {
                case 0x000 -> ADD; case 0x100 -> SUB; case 0x001 -> SLL; case 0x002 -> SLT; case 0x003 -> SLTU;
                case 0x004 -> XOR; case 0x005 -> SRL; case 0x105 -> SRA; case 0x006 -> OR; case 0x007 -> AND;
                case 0x008 -> MUL; case 0x009 -> MULH; case 0x00A -> MULHSU; case 0x00B -> MULHU;
                case 0x00C -> DIV; case 0x00D -> DIVU; case 0x00E -> REM; case 0x00F -> REMU;
                default -> DELEGATE;
            };
            case 0b0001111 -> funct3 == 0 ? NOP : funct3 == 1 ? FENCE_I : DELEGATE;
            default -> DELEGATE; // SYSTEM, atomics, and every illegal word
        };
        boolean writesRegister = kind >= LUI && kind != J && kind != JR && !isBranch(kind) && !isStore(kind);
        if (writesRegister && rd == 0 && !isLoad(kind)) {
            kind = NOP; // an ALU result thrown away: nothing happens
        }
        return pack(kind, rd, rs1, rs2);
    }

    /** The immediate; for branches and JAL the distance in instructions, so the interpreter adds it to a word index. */
    static int immediate(int insn, int op) {
        return switch (kind(op)) {
            case LUI, AUIPC -> insn & 0xFFFF_F000;
            case JAL, J -> ReferenceInterpreter.immJ(insn) >> 2;
            case BEQ, BNE, BLT, BGE, BLTU, BGEU -> ReferenceInterpreter.immB(insn) >> 2;
            case SB, SH, SW -> ReferenceInterpreter.immS(insn);
            case SLLI, SRLI, SRAI -> (insn >>> 20) & 31;
            default -> ReferenceInterpreter.immI(insn);
        };
    }
}
