package vmlab.timesharing;

import java.nio.charset.StandardCharsets;
import vmlab.os.TerminalInput;

/**
 * A user typing a job's input at a terminal on a phone line: one character every {@code cyclesPerCharacter}, from
 * {@code start}. The terminal is in cooked mode, as Unix terminals are by default: a read gets nothing until a whole line
 * (up to its newline) has arrived; after the last character the user signals end of input.
 */
final class Typing implements TerminalInput {
    private final byte[] text;
    private final long start, cyclesPerCharacter;
    private int taken;

    Typing(String text, long start, long cyclesPerCharacter) {
        this.text = text.getBytes(StandardCharsets.UTF_8);
        this.start = start;
        this.cyclesPerCharacter = Math.max(1, cyclesPerCharacter);
    }

    /** Characters that have arrived by {@code now}. */
    private int typed(long now) {
        if (now < start) {
            return 0;
        }
        return (int) Math.min(text.length, (now - start) / cyclesPerCharacter);
    }

    @Override
    public int available(long now) {
        int typed = typed(now);
        if (typed == text.length) {
            return text.length - taken;
        }
        int lineEnd = taken;
        for (int k = taken; k < typed; k++) {
            if (text[k] == '\n') {
                lineEnd = k + 1;
            }
        }
        return lineEnd - taken;
    }

    @Override
    public int take(byte[] into, int max, long now) {
        int n = Math.min(max, available(now));
        System.arraycopy(text, taken, into, 0, n);
        taken += n;
        return n;
    }

    @Override
    public long nextInputAt(long now) {
        int typed = typed(now);
        if (typed == text.length) {
            return Long.MAX_VALUE;
        }
        for (int k = typed; k < text.length; k++) {
            if (text[k] == '\n') {
                return start + (k + 1) * cyclesPerCharacter;
            }
        }
        return start + text.length * cyclesPerCharacter;
    }
}
