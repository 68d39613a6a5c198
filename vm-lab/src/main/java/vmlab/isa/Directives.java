package vmlab.isa;

import java.util.List;
import java.util.Set;

/**
 * The assembler directives: choosing a section, defining constants, placing data and aligning. Directives that only matter
 * to a linker or debugger ({@code .globl}, {@code .type}, {@code .size}, {@code .option}, ...) are accepted and ignored,
 * because this assembler resolves every symbol itself.
 */
final class Directives {

    private static final Set<String> IGNORED = Set.of(".globl", ".global", ".local", ".weak", ".hidden", ".type", ".size",
            ".file", ".ident", ".option", ".attribute", ".cfi_startproc", ".cfi_endproc", ".loc", ".end");

    /** addi zero, zero, 0: what code is padded with. */
    static final int NOP = 0x00000013;

    private Directives() {
    }

    static void apply(String name, Statement statement, Operands ops, AssemblyPass pass) {
        if (IGNORED.contains(name)) {
            return;
        }
        switch (name) {
            case ".text", ".data", ".bss", ".rodata" -> {
                ops.expectCount(0, "");
                pass.switchTo(Section.Kind.of(name));
            }
            case ".section" -> section(statement, pass);
            case ".equ", ".set", ".equiv" -> define(statement, ops, pass);
            case ".byte" -> data(ops, pass, 1);
            case ".half", ".short", ".2byte" -> data(ops, pass, 2);
            case ".word", ".long", ".4byte" -> data(ops, pass, 4);
            case ".dword", ".quad", ".8byte" -> data(ops, pass, 8);
            case ".ascii" -> strings(statement, pass, false);
            case ".asciz", ".string" -> strings(statement, pass, true);
            case ".align", ".p2align" -> align(ops, pass, true);
            case ".balign" -> align(ops, pass, false);
            case ".space", ".skip", ".zero" -> space(name, ops, pass);
            case ".insn" -> {
                ops.expectCount(1, "value");
                data(ops, pass, 4);
            }
            default -> throw OperandException.at(statement.mnemonic(), "unknown directive '" + statement.mnemonic().text() + "'");
        }
    }

    private static void section(Statement statement, AssemblyPass pass) {
        List<Token> first = statement.operands().isEmpty() ? List.of() : statement.operands().get(0);
        String sectionName = Operands.text(first);
        Section.Kind kind = Section.Kind.of(sectionName);
        if (kind == null) {
            throw new OperandException(statement.column(0), sectionName,
                    "unknown section '" + sectionName + "' (known: .text, .rodata, .data, .bss and their .name.suffix forms)");
        }
        pass.switchTo(kind);
    }

    private static void define(Statement statement, Operands ops, AssemblyPass pass) {
        ops.expectCount(2, "name, value");
        List<Token> nameTokens = statement.operands().get(0);
        if (nameTokens.size() != 1 || nameTokens.get(0).kind() != Token.Kind.NAME) {
            throw new OperandException(statement.column(0), Operands.text(nameTokens),
                    "expected a symbol name, found '" + Operands.text(nameTokens) + "'");
        }
        Token name = nameTokens.get(0);
        if (pass.symbols.isLabel(name.text())) {
            throw OperandException.at(name, "'" + name.text() + "' is already a label");
        }
        pass.symbols.defineConstant(name.text(), ops.value(1));
    }

    /** {@code .byte}, {@code .half}, {@code .word}, {@code .dword}: each operand little-endian in {@code width} bytes. */
    private static void data(Operands ops, AssemblyPass pass, int width) {
        for (int i = 0; i < ops.count(); i++) {
            long value = ops.value(i).value();
            if (width < 8) {
                long low = -(1L << (8 * width - 1));
                long high = (1L << (8 * width)) - 1;
                if (value < low || value > high) {
                    throw new OperandException(ops.column(i), Long.toString(value),
                            value + " does not fit " + width + (width == 1 ? " byte" : " bytes"));
                }
            }
            emit(pass, ops.column(i), value, width);
        }
    }

    private static void strings(Statement statement, AssemblyPass pass, boolean zeroTerminated) {
        for (int i = 0; i < statement.operands().size(); i++) {
            List<Token> operand = statement.operands().get(i);
            if (operand.size() != 1 || operand.get(0).kind() != Token.Kind.STRING) {
                throw new OperandException(statement.column(i), Operands.text(operand), "expected a string in double quotes");
            }
            for (char c : operand.get(0).text().toCharArray()) {
                emit(pass, statement.column(i), c & 0xff, 1);
            }
            if (zeroTerminated) {
                emit(pass, statement.column(i), 0, 1);
            }
        }
    }

    /**
     * {@code .align n} and {@code .p2align n} align to 2^n bytes (on RISC-V, .align is the power-of-two form), {@code .balign n}
     * to n bytes. Code is padded with nops, as GNU as does, so that falling through the padding is harmless.
     */
    private static void align(Operands ops, AssemblyPass pass, boolean powerOfTwo) {
        if (ops.count() < 1 || ops.count() > 3) {
            ops.expectCount(1, powerOfTwo ? "log2(bytes)[, fill]" : "bytes[, fill]");
        }
        long amount = ops.constant(0);
        if (powerOfTwo ? amount < 0 || amount > 16 : amount < 1 || amount > 65536 || Long.bitCount(amount) != 1) {
            throw new OperandException(ops.column(0), Long.toString(amount),
                    powerOfTwo ? "alignment must be a power of two between 2^0 and 2^16" : "alignment must be a power of two");
        }
        int bytes = (int) (powerOfTwo ? 1L << amount : amount);
        Section section = pass.current;
        section.alignment = Math.max(section.alignment, bytes);
        boolean hasFill = ops.count() >= 2 && !ops.value(1).address();
        long fill = hasFill ? ops.constant(1) : 0;
        while (section.size() % bytes != 0) {
            if (!hasFill && section.kind == Section.Kind.TEXT && section.size() % 4 == 0) {
                section.emitLittleEndian(NOP, 4);
            } else {
                emit(pass, ops.column(0), fill & 0xff, 1);
            }
        }
    }

    private static void space(String name, Operands ops, AssemblyPass pass) {
        if (ops.count() < 1 || ops.count() > 2 || name.equals(".zero") && ops.count() != 1) {
            ops.expectCount(name.equals(".zero") ? 1 : 2, name.equals(".zero") ? "bytes" : "bytes, fill");
        }
        long count = ops.constant(0);
        if (count < 0 || count > 64L << 20) {
            throw new OperandException(ops.column(0), Long.toString(count), "size " + count + " is not in 0..64 MiB");
        }
        long fill = ops.count() == 2 ? ops.constant(1) : 0;
        for (long i = 0; i < count; i++) {
            emit(pass, ops.column(0), fill & 0xff, 1);
        }
    }

    private static void emit(AssemblyPass pass, int column, long value, int width) {
        if (pass.current.kind == Section.Kind.BSS && value != 0) {
            throw new OperandException(column, Long.toString(value), ".bss holds only zeros; put initialised data in .data");
        }
        pass.current.emitLittleEndian(value, width);
    }
}
