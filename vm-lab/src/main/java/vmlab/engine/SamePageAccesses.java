package vmlab.engine;

import static vmlab.engine.Predecoder.*;

/**
 * Loads (or stores) in one block through the same base register, unchanged between them: a function's prologue saving
 * registers at {@code 8(sp)}, {@code 12(sp)}, ..., its epilogue loading them back. If the lowest and the highest byte
 * they touch lie in one page the TLB maps, all of them do, so the block compiler tests the TLB once for the group, at
 * its first access, and the others reuse the page found. On a miss the translation leaves before that first access,
 * with nothing of the group done yet.
 *
 * <p>A group is a run of accesses, other instructions allowed between them but no other access. Loads and stores form
 * separate groups (they use separate TLBs: a page may be readable and not writable). A group ends before an
 * instruction that writes its base register, and after a load into it.
 */
final class SamePageAccesses {
    /** Wider groups are split: a span this small is what prologues need, and it rarely crosses a page. */
    static final int MAX_SPAN = 256;

    /** Per word of the page (only the block's words are set): the word leading its group, or -1 if not an access. */
    private final int[] leader = new int[CodePage.WORDS];
    /** For a leader: its group's lowest offset, the span it covers, and whether others follow it. */
    private final int[] low = new int[CodePage.WORDS], span = new int[CodePage.WORDS];
    private final boolean[] followed = new boolean[CodePage.WORDS];
    private final int[] imms;

    SamePageAccesses(int[] ops, int[] imms, int first, int last) {
        this.imms = imms;
        int open = -1, base = -1, high = 0;
        boolean loads = false;
        for (int k = first; k <= last; k++) {
            int op = ops[k], kind = kind(op);
            leader[k] = -1;
            boolean access = isLoad(kind) || isStore(kind);
            if (access) {
                int size = accessSize(kind), offset = imms[k];
                int newLow = open < 0 ? offset : Math.min(low[open], offset);
                int newHigh = open < 0 ? offset + size : Math.max(high, offset + size);
                boolean joins = open >= 0 && rs1(op) == base && isLoad(kind) == loads && newHigh - newLow <= MAX_SPAN;
                if (joins) {
                    leader[k] = open;
                    followed[open] = true;
                    low[open] = newLow;
                    high = newHigh;
                    span[open] = high - low[open];
                } else {
                    open = k;
                    base = rs1(op);
                    loads = isLoad(kind);
                    leader[k] = k;
                    low[k] = offset;
                    high = offset + size;
                    span[k] = size;
                }
            }
            if (open >= 0 && writesRegister(kind) && rd(op) == base) {
                open = -1; // the base changes: later accesses are relative to another address
            }
        }
    }

    /** True if the access at word {@code k} tests the TLB (it is alone, or first in its group). */
    boolean leads(int k) {
        return leader[k] == k;
    }

    boolean hasFollowers(int k) {
        return followed[k];
    }

    /** For a leader: the lowest offset its group uses from the base register (its test starts there). */
    int lowestOffset(int k) {
        return low[k];
    }

    /** For a leader: the bytes its group spans, from {@link #lowestOffset}. */
    int span(int k) {
        return span[k];
    }

    /** For a follower: how far past its group's lowest offset it accesses. */
    int offsetInGroup(int k) {
        return imms[k] - low[leader[k]];
    }

    private static boolean writesRegister(int kind) {
        return kind >= LUI && kind != J && kind != JR && !isBranch(kind) && !isStore(kind);
    }
}
