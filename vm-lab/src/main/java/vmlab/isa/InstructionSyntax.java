package vmlab.isa;

import java.util.List;

/**
 * Reads the operands of a real instruction (one row of {@link Instruction}) in GNU as syntax, including the short forms
 * GNU accepts for the same instruction: {@code jal target}, {@code jalr rs}, {@code jalr rd, rs, imm}, {@code fence} with no
 * sets, {@code sfence.vma} with fewer registers, and {@code csrrw rd, csr, imm} meaning {@code csrrwi}.
 */
final class InstructionSyntax {

    private InstructionSyntax() {
    }

    /** The machine instruction for {@code in} with operands {@code ops}; {@code ordering} holds .aq/.rl for atomics. */
    static List<Emission> read(Instruction in, int ordering, Operands ops) {
        if (in.format == Format.I_CSR && ops.count() == 3 && !ops.isRegister(2)) {
            in = immediateForm(in);
        }
        return List.of(new Emission(in, fields(in, ordering, ops), immediateColumn(in, ops)));
    }

    private static Instruction immediateForm(Instruction in) {
        return switch (in) {
            case CSRRW -> Instruction.CSRRWI;
            case CSRRS -> Instruction.CSRRSI;
            default -> Instruction.CSRRCI;
        };
    }

    private static int immediateColumn(Instruction in, Operands ops) {
        return switch (in.format) {
            case U, J -> ops.column(ops.count() - 1);
            case I_CSR, I_CSR_UIMM -> ops.column(1);
            default -> ops.column(Math.max(0, ops.count() - 1));
        };
    }

    private static Encoder.Fields fields(Instruction in, int ordering, Operands ops) {
        switch (in.format) {
            case R:
                ops.expectCount(3, "rd, rs1, rs2");
                return Encoder.Fields.of(ops.register(0), ops.register(1), ops.register(2), 0);
            case I:
            case I_SHIFT:
                ops.expectCount(3, in.format == Format.I ? "rd, rs1, imm" : "rd, rs1, shamt");
                return Encoder.Fields.of(ops.register(0), ops.register(1), 0, ops.value(2).value());
            case I_OFFSET:
                return in == Instruction.JALR ? jalr(ops) : load(ops);
            case S: {
                ops.expectCount(2, "rs2, offset(rs1)");
                Operands.Memory memory = ops.memory(1);
                return Encoder.Fields.of(0, memory.base(), ops.register(0), memory.offset());
            }
            case B:
                ops.expectCount(3, "rs1, rs2, target");
                return Encoder.Fields.of(0, ops.register(0), ops.register(1), ops.offsetTo(2));
            case U:
                ops.expectCount(2, "rd, imm20");
                return Encoder.Fields.of(ops.register(0), 0, 0, ops.value(1).value());
            case J:
                if (ops.count() == 1) {
                    return Encoder.Fields.of(1, 0, 0, ops.offsetTo(0)); // jal target: link in ra
                }
                ops.expectCount(2, "rd, target");
                return Encoder.Fields.of(ops.register(0), 0, 0, ops.offsetTo(1));
            case R_RESERVE: {
                ops.expectCount(2, "rd, (rs1)");
                return new Encoder.Fields(ops.register(0), addressRegister(ops, 1), 0, 0, ordering);
            }
            case R_GUEST_LOAD:
                ops.expectCount(2, "rd, (rs1)");
                return Encoder.Fields.of(ops.register(0), addressRegister(ops, 1), 0, 0);
            case R_GUEST_STORE:
                ops.expectCount(2, "rs2, (rs1)");
                return Encoder.Fields.of(0, addressRegister(ops, 1), ops.register(0), 0);
            case R_ATOMIC:
                ops.expectCount(3, "rd, rs2, (rs1)");
                return new Encoder.Fields(ops.register(0), addressRegister(ops, 2), ops.register(1), 0, ordering);
            case I_CSR:
                ops.expectCount(3, "rd, csr, rs1");
                return Encoder.Fields.of(ops.register(0), ops.register(2), 0, ops.csr(1));
            case I_CSR_UIMM: {
                ops.expectCount(3, "rd, csr, uimm");
                return Encoder.Fields.of(ops.register(0), uimm5(ops, 2), 0, ops.csr(1));
            }
            case I_FENCE:
                if (ops.count() == 0) {
                    return Encoder.Fields.of(0, 0, 0, 0xff); // fence = fence iorw,iorw
                }
                ops.expectCount(2, "pred, succ");
                return Encoder.Fields.of(0, 0, 0, ops.fenceSet(0) << 4 | ops.fenceSet(1));
            case R_SFENCE:
                if (ops.count() > 2) {
                    ops.expectCount(2, "rs1, rs2");
                }
                return Encoder.Fields.of(0, ops.count() > 0 ? ops.register(0) : 0, ops.count() > 1 ? ops.register(1) : 0, 0);
            default:
                ops.expectCount(0, "");
                return Encoder.Fields.of(0, 0, 0, 0);
        }
    }

    private static Encoder.Fields load(Operands ops) {
        ops.expectCount(2, "rd, offset(rs1)");
        Operands.Memory memory = ops.memory(1);
        return Encoder.Fields.of(ops.register(0), memory.base(), 0, memory.offset());
    }

    /** {@code jalr rs}, {@code jalr rd, rs}, {@code jalr rd, offset(rs)} and {@code jalr rd, rs, offset}. */
    private static Encoder.Fields jalr(Operands ops) {
        if (ops.count() == 1) {
            return Encoder.Fields.of(1, ops.register(0), 0, 0);
        }
        if (ops.count() == 3) {
            return Encoder.Fields.of(ops.register(0), ops.register(1), 0, ops.value(2).value());
        }
        ops.expectCount(2, "rd, offset(rs1)");
        if (ops.isRegister(1)) {
            return Encoder.Fields.of(ops.register(0), ops.register(1), 0, 0);
        }
        Operands.Memory memory = ops.memory(1);
        return Encoder.Fields.of(ops.register(0), memory.base(), 0, memory.offset());
    }

    /** The address register of an atomic: {@code (a0)}, or {@code 0(a0)} which GNU also accepts. */
    private static int addressRegister(Operands ops, int index) {
        Operands.Memory memory = ops.memory(index);
        if (memory.offset() != 0) {
            throw new OperandException(memory.offsetColumn(), Long.toString(memory.offset()),
                    "atomic instructions take no offset: write (rs1)");
        }
        return memory.base();
    }

    static int uimm5(Operands ops, int index) {
        long value = ops.constant(index);
        if (value < 0 || value > 31) {
            throw new OperandException(ops.column(index), Long.toString(value), value + " does not fit a 5-bit CSR immediate (0..31)");
        }
        return (int) value;
    }
}
