package vmlab.isa;

import java.util.List;

/**
 * Evaluates an operand expression as GNU as does for the cases a course needs: numbers, symbols, {@code .} (this address),
 * numeric local labels, parentheses, the operators {@code + - * / % << >> & | ^ ~}, and the relocation operators
 * {@code %hi %lo %pcrel_hi %pcrel_lo}. The assembler resolves everything itself (there is no linker), so every expression
 * ends up a number.
 */
final class Expression {

    /** What an expression can see: the symbols, the current address and the {@code auipc}s already placed. */
    interface Context {
        /** A label's address or an {@code .equ}'s value; null if it is not defined (yet). */
        Value symbol(String name);

        /** The address a local-label reference such as {@code 1b} or {@code 2f} points to; null if there is none. */
        Value localLabel(String reference);

        /** The address of the statement being assembled: what {@code .} means and what %pcrel_hi is relative to. */
        long here();

        /** Notes that the statement here uses {@code %pcrel_hi} of a target {@code distance} bytes away. */
        void pcrelHi(long distance);

        /** For {@code %pcrel_lo(label)}: the distance the {@code %pcrel_hi} at {@code auipcAddress} refers to; null if none. */
        Long pcrelDistanceAt(long auipcAddress);

        /** True in the first pass, where later labels are not known yet: an unknown symbol counts as 0 instead of an error. */
        boolean firstPass();
    }

    /**
     * A value and whether it is an address (a label, or an expression over one). Branch targets must be addresses; li wants a
     * constant; the difference of two addresses is a constant.
     */
    record Value(long value, boolean address) {
        static Value constant(long value) {
            return new Value(value, false);
        }
    }

    private final List<Token> tokens;
    private final Context context;
    private int at;

    private Expression(List<Token> tokens, Context context) {
        this.tokens = tokens;
        this.context = context;
    }

    /** Evaluates the whole token list, or throws an {@link OperandException} that points at the offending token. */
    static Value evaluate(List<Token> tokens, Context context, int columnIfEmpty) {
        if (tokens.isEmpty()) {
            throw new OperandException(columnIfEmpty, "", "missing operand");
        }
        Expression expression = new Expression(tokens, context);
        Value value = expression.binary(0);
        if (expression.at < tokens.size()) {
            Token extra = tokens.get(expression.at);
            throw OperandException.at(extra, "unexpected '" + extra.text() + "' in expression");
        }
        return value;
    }

    /** Binary operators from loosest to tightest binding, C-like. */
    private static final List<List<String>> LEVELS = List.of(
            List.of("|"), List.of("^"), List.of("&"), List.of("<<", ">>"), List.of("+", "-"), List.of("*", "/", "%"));

    private Value binary(int level) {
        if (level == LEVELS.size()) {
            return unary();
        }
        Value left = binary(level + 1);
        while (at < tokens.size() && tokens.get(at).kind() == Token.Kind.SYMBOL
                && LEVELS.get(level).contains(tokens.get(at).text())) {
            Token operator = tokens.get(at++);
            Value right = binary(level + 1);
            left = apply(operator, left, right);
        }
        return left;
    }

    private static Value apply(Token operator, Value left, Value right) {
        long a = left.value();
        long b = right.value();
        return switch (operator.text()) {
            case "+" -> new Value(a + b, left.address() || right.address());
            // address - address is a distance, a constant; address - constant is still an address
            case "-" -> new Value(a - b, left.address() && !right.address());
            case "*" -> Value.constant(a * b);
            case "/", "%" -> {
                if (b == 0) {
                    throw OperandException.at(operator, "division by zero");
                }
                yield Value.constant(operator.text().equals("/") ? a / b : a % b);
            }
            case "<<" -> Value.constant(a << b);
            case ">>" -> Value.constant(a >> b);
            case "&" -> Value.constant(a & b);
            case "|" -> Value.constant(a | b);
            default -> Value.constant(a ^ b);
        };
    }

    private Value unary() {
        Token token = peek();
        if (token.is("-")) {
            at++;
            return Value.constant(-unary().value());
        }
        if (token.is("+")) {
            at++;
            return unary();
        }
        if (token.is("~")) {
            at++;
            return Value.constant(~unary().value());
        }
        return primary();
    }

    private Value primary() {
        Token token = peek();
        at++;
        switch (token.kind()) {
            case NUMBER:
                return Value.constant(token.value());
            case LOCAL_LABEL: {
                Value value = context.localLabel(token.text());
                if (value == null) {
                    return unresolved(token, "no local label " + token.text().charAt(0)
                            + (token.text().endsWith("b") ? " before this line" : " after this line"));
                }
                return value;
            }
            case NAME: {
                if (token.text().equals(".")) {
                    return new Value(context.here(), true);
                }
                Value value = context.symbol(token.text());
                return value != null ? value : unresolved(token, "undefined symbol '" + token.text() + "'");
            }
            case MODIFIER:
                return modifier(token);
            default:
                if (token.is("(")) {
                    Value inner = binary(0);
                    expect(")");
                    return inner;
                }
                throw OperandException.at(token, "unexpected '" + token.text() + "' in expression");
        }
    }

    private Value unresolved(Token token, String message) {
        if (context.firstPass()) {
            return new Value(0, true);
        }
        throw OperandException.at(token, message);
    }

    /** {@code %hi(x)}, {@code %lo(x)}, {@code %pcrel_hi(x)} and {@code %pcrel_lo(label)}: the halves of a 32-bit value. */
    private Value modifier(Token token) {
        expect("(");
        Value inner = binary(0);
        expect(")");
        long x = inner.value();
        return switch (token.text().toLowerCase()) {
            case "%hi" -> Value.constant(hi20(x));
            case "%lo" -> Value.constant(lo12(x));
            case "%pcrel_hi" -> {
                context.pcrelHi(x - context.here());
                yield Value.constant(hi20(x - context.here()));
            }
            case "%pcrel_lo" -> {
                Long offset = context.pcrelDistanceAt(x);
                if (offset == null) {
                    if (context.firstPass()) {
                        yield Value.constant(0);
                    }
                    throw OperandException.at(token, "%pcrel_lo needs the label of an auipc with %pcrel_hi, placed before it");
                }
                yield Value.constant(lo12(offset));
            }
            default -> throw OperandException.at(token, "unknown operator " + token.text()
                    + " (known: %hi %lo %pcrel_hi %pcrel_lo)");
        };
    }

    /** The upper 20 bits, rounded so that adding the sign-extended {@link #lo12} gives back {@code x}. */
    static long hi20(long x) {
        return ((x + 0x800) >> 12) & 0xfffff;
    }

    /** The low 12 bits, sign-extended, as addi/lw/sw add them. */
    static long lo12(long x) {
        return ((x & 0xfff) ^ 0x800) - 0x800;
    }

    private Token peek() {
        if (at >= tokens.size()) {
            Token last = tokens.get(tokens.size() - 1);
            throw new OperandException(last.column() + last.text().length(), "", "expression ends too early");
        }
        return tokens.get(at);
    }

    private void expect(String symbol) {
        Token token = peek();
        if (!token.is(symbol)) {
            throw OperandException.at(token, "expected '" + symbol + "' but found '" + token.text() + "'");
        }
        at++;
    }
}
