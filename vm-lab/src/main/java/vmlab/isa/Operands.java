package vmlab.isa;

import java.util.List;

/**
 * Reads the operands of one statement as registers, expressions, memory references ({@code 8(sp)}), CSRs and fence sets,
 * with errors that point at the operand's column.
 */
final class Operands {

    /** A memory operand {@code offset(base)}; {@code (base)} alone has offset 0. */
    record Memory(long offset, int base, int offsetColumn) {
    }

    private final Statement statement;
    private final Expression.Context context;

    Operands(Statement statement, Expression.Context context) {
        this.statement = statement;
        this.context = context;
    }

    int count() {
        return statement.operands().size();
    }

    int column(int index) {
        return statement.column(index);
    }

    long here() {
        return context.here();
    }

    /** Fails unless there are exactly {@code expected} operands; {@code syntax} shows the right form. */
    void expectCount(int expected, String syntax) {
        if (count() != expected) {
            String name = statement.mnemonic().text();
            int column = count() > expected ? column(expected) : statement.mnemonic().column();
            throw new OperandException(column, name, name + " takes " + expected + " operand" + (expected == 1 ? "" : "s")
                    + (syntax.isEmpty() ? "" : " (" + name + " " + syntax + ")") + ", found " + count());
        }
    }

    private List<Token> tokens(int index) {
        if (index >= count() || statement.operands().get(index).isEmpty()) {
            throw new OperandException(column(index), "", "operand " + (index + 1) + " is missing");
        }
        return statement.operands().get(index);
    }

    boolean isRegister(int index) {
        List<Token> tokens = index < count() ? statement.operands().get(index) : List.of();
        return tokens.size() == 1 && tokens.get(0).kind() == Token.Kind.NAME && Register.parse(tokens.get(0).text()).isPresent();
    }

    int register(int index) {
        List<Token> tokens = tokens(index);
        Token first = tokens.get(0);
        if (tokens.size() != 1 || first.kind() != Token.Kind.NAME || Register.parse(first.text()).isEmpty()) {
            throw new OperandException(first.column(), text(tokens),
                    "expected a register (x0..x31, zero, ra, sp, a0, t1, s2, ...), found '" + text(tokens) + "'");
        }
        return Register.parse(first.text()).get();
    }

    Expression.Value value(int index) {
        return Expression.evaluate(tokens(index), context, column(index));
    }

    /** A constant (not an address), as {@code li} and the directives that size things need. */
    long constant(int index) {
        Expression.Value value = value(index);
        if (value.address() && !context.firstPass()) {
            throw new OperandException(column(index), text(tokens(index)),
                    "'" + text(tokens(index)) + "' is an address, but a constant is needed here");
        }
        return value.value();
    }

    /** The distance from this instruction to the target address written in operand {@code index}. */
    long offsetTo(int index) {
        return value(index).value() - context.here();
    }

    boolean isMemory(int index) {
        List<Token> tokens = index < count() ? statement.operands().get(index) : List.of();
        int n = tokens.size();
        return n >= 3 && tokens.get(n - 1).is(")") && tokens.get(n - 3).is("(")
                && Register.parse(tokens.get(n - 2).text()).isPresent() && tokens.get(n - 2).kind() == Token.Kind.NAME;
    }

    /** True if the operand ends in a parenthesised name, as a memory operand does: {@code 0(q7)} is a mistyped one. */
    boolean looksLikeMemory(int index) {
        List<Token> tokens = index < count() ? statement.operands().get(index) : List.of();
        int n = tokens.size();
        return n >= 3 && tokens.get(n - 1).is(")") && tokens.get(n - 3).is("(") && tokens.get(n - 2).kind() == Token.Kind.NAME;
    }

    Memory memory(int index) {
        List<Token> tokens = tokens(index);
        if (looksLikeMemory(index) && !isMemory(index)) {
            Token name = tokens.get(tokens.size() - 2);
            throw OperandException.at(name, "'" + name.text() + "' is not a register (x0..x31, zero, ra, sp, a0, ...)");
        }
        if (!isMemory(index)) {
            throw new OperandException(column(index), text(tokens),
                    "expected a memory operand such as 8(sp) or (a0), found '" + text(tokens) + "'");
        }
        int n = tokens.size();
        int base = Register.parse(tokens.get(n - 2).text()).get();
        List<Token> offset = tokens.subList(0, n - 3);
        long value = offset.isEmpty() ? 0 : Expression.evaluate(offset, context, column(index)).value();
        return new Memory(value, base, column(index));
    }

    /** A CSR by name ({@code mstatus}) or number ({@code 0x300}). */
    int csr(int index) {
        List<Token> tokens = tokens(index);
        if (tokens.size() == 1 && tokens.get(0).kind() == Token.Kind.NAME) {
            var number = Csr.number(tokens.get(0).text());
            if (number.isPresent()) {
                return number.get();
            }
            if (context.symbol(tokens.get(0).text()) == null) {
                throw OperandException.at(tokens.get(0), "unknown CSR '" + tokens.get(0).text() + "'");
            }
        }
        long number = constant(index);
        if (number < 0 || number > 0xfff) {
            throw new OperandException(column(index), text(tokens), "CSR number " + number + " is not in 0..4095");
        }
        return (int) number;
    }

    /** A fence set such as {@code rw} or {@code iorw}. */
    int fenceSet(int index) {
        List<Token> tokens = tokens(index);
        int bits = tokens.size() == 1 ? FenceSet.parse(tokens.get(0).text()) : -1;
        if (bits < 0) {
            throw new OperandException(column(index), text(tokens),
                    "expected a fence set made of i, o, r, w in that order (such as rw), found '" + text(tokens) + "'");
        }
        return bits;
    }

    static String text(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            out.append(token.kind() == Token.Kind.STRING ? '"' + token.text() + '"' : token.text());
        }
        return out.toString();
    }
}
