package vmlab.engine;

/**
 * One 4 KiB page of RAM seen as code: its instructions predecoded on first execution (see {@link Predecoder}), the
 * translations that start in it, and how hot each entry is. Keyed by the physical page, because stores (which must
 * invalidate) know physical addresses; a translation also remembers the virtual page it was made for.
 */
final class CodePage {
    static final int WORDS = 1024;

    /** The page's offset in RAM. */
    final int ramOffset;
    /**
     * Per word: the packed operation in the low half ({@link Predecoder#UNDECODED} until first run), the immediate in the
     * high half, so the interpreter loads one array element per instruction; one extra {@link Predecoder#PAGE_END}.
     */
    final long[] code = new long[WORDS + 1];
    /** The translation entered at each word, or null. */
    final Translation[] translations = new Translation[WORDS];
    /** How often the dispatcher arrived at each word without a translation: the compile trigger. */
    final short[] heat = new short[WORDS];
    /** Words where the interpreter has started a block: regions grow only along paths that really ran. */
    final boolean[] visited = new boolean[WORDS];
    /** Words some translation was made from: a write elsewhere in the page leaves translations alone. */
    final boolean[] translated = new boolean[WORDS];
    /** How often writes invalidated translations here: a page rewritten again and again stays interpreted. */
    int invalidations;
    int translationCount;

    CodePage(int ramOffset) {
        this.ramOffset = ramOffset;
        code[WORDS] = Predecoder.PAGE_END;
    }

    /** Decodes word {@code index} from RAM. */
    void decode(byte[] ram, int index) {
        int insn = (int) vmlab.machine.Bus.INT.get(ram, ramOffset + 4 * index);
        int op = Predecoder.decode(insn);
        code[index] = (long) Predecoder.immediate(insn, op) << 32 | (op & 0xFFFF_FFFFL);
    }

    int decoded(byte[] ram, int index) {
        if ((int) code[index] == Predecoder.UNDECODED) {
            decode(ram, index);
        }
        return (int) code[index];
    }

    int imm(int index) {
        return (int) (code[index] >> 32);
    }

    /** RAM bytes [from, to) of this page changed (offsets inside the page). True if a translation was dropped. */
    boolean written(int from, int to) {
        boolean dropped = false;
        for (int w = from >>> 2; w <= (to - 1) >>> 2 && w < WORDS; w++) {
            code[w] = Predecoder.UNDECODED;
            dropped |= translated[w];
        }
        if (dropped) {
            dropTranslations();
            invalidations++;
        }
        return dropped;
    }

    void dropTranslations() {
        for (int w = 0; w < WORDS; w++) {
            Translation t = translations[w];
            if (t != null) {
                t.valid = false;
                translations[w] = null;
            }
        }
        java.util.Arrays.fill(translated, false);
        translationCount = 0;
    }

    void forgetDecoding() {
        java.util.Arrays.fill(code, 0, WORDS, Predecoder.UNDECODED);
    }
}
