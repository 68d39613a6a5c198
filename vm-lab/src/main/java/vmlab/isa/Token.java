package vmlab.isa;

/**
 * One lexical piece of an assembly line.
 *
 * @param kind   what sort of piece it is
 * @param text   the text as written (for a string, its decoded contents)
 * @param value  the value of a number or character literal
 * @param column where it starts on its line, from 1
 */
record Token(Kind kind, String text, long value, int column) {

    enum Kind {
        /** A name: mnemonic, register, symbol, directive ({@code .word}), CSR. */
        NAME,
        /** A number or character literal. */
        NUMBER,
        /** A reference to a numeric local label: {@code 1b} (backward) or {@code 1f} (forward). */
        LOCAL_LABEL,
        /** A string literal; {@link #text} holds its decoded contents. */
        STRING,
        /** A relocation operator: {@code %hi}, {@code %lo}, {@code %pcrel_hi}, {@code %pcrel_lo}. */
        MODIFIER,
        /** Punctuation and operators: {@code , ( ) : + - * / % << >> & | ^ ~ = @}. */
        SYMBOL
    }

    boolean is(String symbolText) {
        return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbolText);
    }

    static Token number(long value, int column) {
        return new Token(Kind.NUMBER, Long.toString(value), value, column);
    }
}
