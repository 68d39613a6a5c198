package vmlab.isa;

/** A mistake found while reading one operand; the assembler turns it into an {@link AssemblyError} for its line. */
final class OperandException extends RuntimeException {

    final int column;
    final String offending;

    OperandException(int column, String offending, String message) {
        super(message, null, false, false);
        this.column = column;
        this.offending = offending;
    }

    static OperandException at(Token token, String message) {
        return new OperandException(token.column(), token.text(), message);
    }
}
