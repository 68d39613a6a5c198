package vmlab.isa;

/**
 * One mistake in an assembly source: where it is (1-based line and column), the offending text, and what is wrong.
 *
 * @param line       the source line number, from 1
 * @param column     the column of the offending text, from 1
 * @param offending  the text that is wrong (an operand, a mnemonic, a symbol)
 * @param message    what is wrong, for a student
 * @param sourceLine the whole source line, to show under the message
 */
public record AssemblyError(int line, int column, String offending, String message, String sourceLine) {

    /** {@code line 3, column 9: unknown instruction 'addx'}, then the line and a caret under the column. */
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message + "\n    " + sourceLine.stripTrailing() + "\n    "
                + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
