package vmlab.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts one source line into tokens, the way GNU as reads RISC-V assembly: {@code #} starts a comment, {@code ;} separates
 * statements on one line, numbers may be decimal, {@code 0x} hex, {@code 0b} binary, leading-zero octal or {@code 'c'}
 * characters, and {@code 1b}/{@code 1f} refer to numeric local labels.
 */
final class Lexer {

    /** A lexical mistake: its column, the offending text, and the message. */
    record Problem(int column, String offending, String message) {
    }

    private final String line;
    private final Consumer<Problem> problems;
    private int at;

    private Lexer(String line, Consumer<Problem> problems) {
        this.line = line;
        this.problems = problems;
    }

    /** The statements of one line, each a list of tokens (empty statements are dropped). */
    static List<List<Token>> statements(String line, Consumer<Problem> problems) {
        return new Lexer(line, problems).run();
    }

    /**
     * The source with its {@code /* ... *&#47;} comments blanked out, keeping every newline and column in place so that error
     * positions stay right. Comment markers inside strings are left alone.
     */
    static String withoutBlockComments(String source) {
        StringBuilder out = new StringBuilder(source);
        boolean inString = false;
        boolean inLineComment = false;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '\n') {
                inString = false;
                inLineComment = false;
            } else if (inLineComment) {
                continue;
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '#') {
                inLineComment = true;
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '*') {
                int end = out.indexOf("*/", i + 2);
                int stop = end < 0 ? out.length() : end + 2;
                for (int j = i; j < stop; j++) {
                    if (out.charAt(j) != '\n') {
                        out.setCharAt(j, ' ');
                    }
                }
                i = stop - 1;
            }
        }
        return out.toString();
    }

    private List<List<Token>> run() {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        while (at < line.length()) {
            char c = line.charAt(at);
            if (c == '#') {
                break;
            } else if (c == ';') {
                at++;
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            } else if (Character.isWhitespace(c)) {
                at++;
            } else {
                Token token = next();
                if (token != null) {
                    current.add(token);
                }
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private Token next() {
        int start = at;
        char c = line.charAt(at);
        if (isNameStart(c)) {
            while (at < line.length() && isNamePart(line.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.NAME, line.substring(start, at), 0, start + 1);
        }
        if (Character.isDigit(c)) {
            return number(start);
        }
        if (c == '"') {
            return string(start);
        }
        if (c == '\'') {
            return character(start);
        }
        if (c == '%' && at + 1 < line.length() && Character.isLetter(line.charAt(at + 1))) {
            at++;
            while (at < line.length() && isNamePart(line.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.MODIFIER, line.substring(start, at), 0, start + 1);
        }
        if (line.startsWith("<<", at) || line.startsWith(">>", at)) {
            at += 2;
            return new Token(Token.Kind.SYMBOL, line.substring(start, at), 0, start + 1);
        }
        if (",():+-*/%&|^~=@!<>".indexOf(c) >= 0) {
            at++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), 0, start + 1);
        }
        at++;
        problems.accept(new Problem(start + 1, String.valueOf(c), "unexpected character '" + c + "'"));
        return null;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    private Token number(int start) {
        while (at < line.length() && Character.isLetterOrDigit(line.charAt(at))) {
            at++;
        }
        String text = line.substring(start, at);
        String lower = text.toLowerCase();
        if (lower.matches("[0-9]+[bf]")) {
            return new Token(Token.Kind.LOCAL_LABEL, lower, 0, start + 1);
        }
        try {
            long value;
            if (lower.startsWith("0x")) {
                value = Long.parseUnsignedLong(lower.substring(2), 16);
            } else if (lower.startsWith("0b")) {
                value = Long.parseUnsignedLong(lower.substring(2), 2);
            } else if (lower.length() > 1 && lower.startsWith("0")) {
                value = Long.parseUnsignedLong(lower.substring(1), 8);
            } else {
                value = Long.parseUnsignedLong(lower);
            }
            return new Token(Token.Kind.NUMBER, text, value, start + 1);
        } catch (NumberFormatException e) {
            problems.accept(new Problem(start + 1, text, "malformed number '" + text + "'"));
            return Token.number(0, start + 1);
        }
    }

    private Token string(int start) {
        at++;
        StringBuilder contents = new StringBuilder();
        while (at < line.length() && line.charAt(at) != '"') {
            contents.append(at < line.length() && line.charAt(at) == '\\' ? escape() : line.charAt(at++));
        }
        if (at >= line.length()) {
            problems.accept(new Problem(start + 1, line.substring(start), "string is not closed with \""));
        } else {
            at++;
        }
        return new Token(Token.Kind.STRING, contents.toString(), 0, start + 1);
    }

    private Token character(int start) {
        at++;
        if (at >= line.length()) {
            problems.accept(new Problem(start + 1, "'", "character literal has no character"));
            return Token.number(0, start + 1);
        }
        char value = line.charAt(at) == '\\' ? escape() : line.charAt(at++);
        if (at < line.length() && line.charAt(at) == '\'') {
            at++;
        }
        return new Token(Token.Kind.NUMBER, line.substring(start, at), value, start + 1);
    }

    /** Reads a backslash escape starting at {@link #at} and returns the character it stands for. */
    private char escape() {
        at++;
        if (at >= line.length()) {
            return '\\';
        }
        char c = line.charAt(at++);
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return 0x0b;
            case 'a': return 0x07;
            case 'e': return 0x1b;
            case 'x': {
                int value = 0;
                while (at < line.length() && Character.digit(line.charAt(at), 16) >= 0) {
                    value = value * 16 + Character.digit(line.charAt(at++), 16);
                }
                return (char) (value & 0xff);
            }
            default:
                if (c >= '0' && c <= '7') {
                    int value = c - '0';
                    for (int i = 0; i < 2 && at < line.length() && line.charAt(at) >= '0' && line.charAt(at) <= '7'; i++) {
                        value = value * 8 + (line.charAt(at++) - '0');
                    }
                    return (char) (value & 0xff);
                }
                return c;
        }
    }
}
