package vmlab.isa;

/**
 * The predecessor and successor sets of a {@code fence}: four bits for device input, device output, memory reads and memory
 * writes, written as letters ({@code iorw}, {@code rw}, {@code w}).
 */
final class FenceSet {

    private static final String LETTERS = "iorw";

    private FenceSet() {
    }

    /** The letters for a 4-bit set; objdump 2.40 prints an empty set as {@code unknown}, and so do we. */
    static String name(int bits) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            if ((bits & (8 >> i)) != 0) {
                letters.append(LETTERS.charAt(i));
            }
        }
        return letters.length() == 0 ? "unknown" : letters.toString();
    }

    /** The 4-bit set for letters such as {@code rw}; -1 if the text is not a set of i, o, r, w in that order. */
    static int parse(String text) {
        int bits = 0;
        int last = -1;
        for (char c : text.toLowerCase().toCharArray()) {
            int index = LETTERS.indexOf(c);
            if (index <= last) {
                return -1;
            }
            bits |= 8 >> index;
            last = index;
        }
        return text.isEmpty() ? -1 : bits;
    }
}
