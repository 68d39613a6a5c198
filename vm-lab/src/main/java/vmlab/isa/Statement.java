package vmlab.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * One parsed statement: the labels in front of it, its mnemonic (an instruction, pseudo-instruction or directive) and its
 * operands, each a list of tokens between top-level commas.
 *
 * @param line     the source line number, from 1
 * @param labels   label tokens ({@code loop:} or the numeric {@code 1:})
 * @param mnemonic the instruction or directive name; null for a line with only labels
 * @param operands the operands, in order
 */
record Statement(int line, List<Token> labels, Token mnemonic, List<List<Token>> operands) {

    /** Parses the tokens of one statement; the {@code name = value} form becomes {@code .set name, value}. */
    static Statement parse(int line, List<Token> tokens) {
        List<Token> labels = new ArrayList<>();
        int at = 0;
        while (at + 1 < tokens.size() && tokens.get(at + 1).is(":")
                && (tokens.get(at).kind() == Token.Kind.NAME || tokens.get(at).kind() == Token.Kind.NUMBER)) {
            labels.add(tokens.get(at));
            at += 2;
        }
        if (at == tokens.size()) {
            return new Statement(line, labels, null, List.of());
        }
        if (at + 1 < tokens.size() && tokens.get(at + 1).is("=") && tokens.get(at).kind() == Token.Kind.NAME) {
            Token name = tokens.get(at);
            Token set = new Token(Token.Kind.NAME, ".set", 0, name.column());
            return new Statement(line, labels, set, List.of(List.of(name), tokens.subList(at + 2, tokens.size())));
        }
        Token mnemonic = tokens.get(at);
        return new Statement(line, labels, mnemonic, splitOperands(tokens.subList(at + 1, tokens.size())));
    }

    /** Splits at commas that are not inside parentheses, so {@code %lo(x)(a0)} stays one operand. */
    private static List<List<Token>> splitOperands(List<Token> tokens) {
        List<List<Token>> operands = new ArrayList<>();
        if (tokens.isEmpty()) {
            return operands;
        }
        int depth = 0;
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
            }
            if (token.is(",") && depth == 0) {
                operands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        operands.add(current);
        return operands;
    }

    /** The column where operand {@code index} starts, or the mnemonic's column if it is missing or empty. */
    int column(int index) {
        if (index >= 0 && index < operands.size() && !operands.get(index).isEmpty()) {
            return operands.get(index).get(0).column();
        }
        return mnemonic == null ? 1 : mnemonic.column();
    }
}
