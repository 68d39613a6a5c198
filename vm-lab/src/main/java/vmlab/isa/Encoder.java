package vmlab.isa;

/**
 * Puts an instruction's operand values into its 32 bits, checking that each value fits its field. The inverse of
 * {@link Disassembler}: for every row of {@link Instruction} the round trip gives back the same word.
 */
final class Encoder {

    /**
     * The operand values of one instruction. {@code immediate} is the immediate, the branch/jump offset, the CSR number
     * (for CSR instructions, whose {@code rs1} holds the register or the 5-bit immediate), or {@code pred << 4 | succ} for a
     * fence. {@code ordering} holds the aq (2) and rl (1) bits of an atomic.
     */
    record Fields(int rd, int rs1, int rs2, long immediate, int ordering) {
        static Fields of(int rd, int rs1, int rs2, long immediate) {
            return new Fields(rd, rs1, rs2, immediate, 0);
        }
    }

    private Encoder() {
    }

    /**
     * The instruction word, or an {@link OperandException} at {@code column} if the immediate does not fit.
     *
     * @param column where the immediate was written, for the error message
     */
    static int encode(Instruction in, Fields f, int column) {
        int registers = Format.placeRd(f.rd()) | Format.placeRs1(f.rs1()) | Format.placeRs2(f.rs2());
        long imm = f.immediate();
        int word = switch (in.format) {
            case R -> registers;
            case I, I_OFFSET -> {
                check(imm, -2048, 2047, "a 12-bit signed immediate", column);
                yield Format.placeRd(f.rd()) | Format.placeRs1(f.rs1()) | Format.placeI((int) imm);
            }
            case I_SHIFT -> {
                check(imm, 0, 31, "a shift amount", column);
                yield Format.placeRd(f.rd()) | Format.placeRs1(f.rs1()) | Format.placeRs2((int) imm);
            }
            case S -> {
                check(imm, -2048, 2047, "a 12-bit signed offset", column);
                yield Format.placeRs1(f.rs1()) | Format.placeRs2(f.rs2()) | Format.placeS((int) imm);
            }
            case B -> {
                checkEven(imm, -4096, 4094, "a branch offset (+-4 KiB)", column);
                yield Format.placeRs1(f.rs1()) | Format.placeRs2(f.rs2()) | Format.placeB((int) imm);
            }
            case U -> {
                check(imm, 0, 0xfffff, "a 20-bit upper immediate", column);
                yield Format.placeRd(f.rd()) | Format.placeU((int) imm);
            }
            case J -> {
                checkEven(imm, -(1 << 20), (1 << 20) - 2, "a jump offset (+-1 MiB)", column);
                yield Format.placeRd(f.rd()) | Format.placeJ((int) imm);
            }
            case R_RESERVE -> Format.placeRd(f.rd()) | Format.placeRs1(f.rs1()) | f.ordering() << 25;
            case R_ATOMIC -> registers | f.ordering() << 25;
            case I_CSR, I_CSR_UIMM -> {
                check(imm, 0, 4095, "a CSR number (0..4095)", column);
                yield Format.placeRd(f.rd()) | Format.placeRs1(f.rs1()) | (int) imm << 20;
            }
            case I_FENCE -> (int) (imm & 0xff) << 20;
            case R_SFENCE, R_GUEST_STORE -> Format.placeRs1(f.rs1()) | Format.placeRs2(f.rs2());
            case R_GUEST_LOAD -> Format.placeRd(f.rd()) | Format.placeRs1(f.rs1());
            case FIXED -> 0;
        };
        return in.match | word;
    }

    private static void check(long value, long low, long high, String what, int column) {
        if (value < low || value > high) {
            throw new OperandException(column, Long.toString(value),
                    value + " does not fit " + what + " (" + low + ".." + high + ")");
        }
    }

    private static void checkEven(long value, long low, long high, String what, int column) {
        check(value, low, high, what, column);
        if ((value & 1) != 0) {
            throw new OperandException(column, Long.toString(value), "offset " + value + " is odd: targets are 2-byte aligned");
        }
    }
}
