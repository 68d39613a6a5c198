package vmlab.engine;

import static vmlab.engine.Predecoder.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guest code one translation covers: basic blocks inside one code page, found by following direct branches and
 * jumps from an entry, plus the return sites after calls (so that a {@code ret} back into the region stays inside the
 * generated method). Keeping a loop's blocks, or a recursive function's, in one method is what lets HotSpot keep the
 * guest registers in host registers across iterations.
 */
final class Region {
    /** A block ends at a control transfer, before an instruction the translation leaves to the interpreter, or here. */
    static final int MAX_BLOCK = 48;

    /** One basic block: words [start, start + length) of the page; the last may be a branch or jump. */
    record Block(int start, int length) {
        int last() {
            return start + length - 1;
        }
    }

    final CodePage page;
    final int virtualPage;
    final Map<Integer, Block> blocks = new LinkedHashMap<>();
    /** The word where the translation is entered (its only entry). */
    int entry;
    int instructions;

    private Region(CodePage page, int virtualPage) {
        this.page = page;
        this.virtualPage = virtualPage;
    }

    int pc(int index) {
        return virtualPage + (index << 2);
    }

    /** The region entered at word {@code entry}, at most about {@code maxInstructions} long; null if nothing to translate. */
    static Region discover(CodePage page, byte[] ram, int virtualPage, int entry, int maxInstructions) {
        Region region = new Region(page, virtualPage);
        region.entry = entry;
        Deque<Integer> work = new ArrayDeque<>();
        work.add(entry);
        while (!work.isEmpty() && region.instructions < maxInstructions) {
            int start = work.poll();
            if (region.blocks.containsKey(start)) {
                continue;
            }
            int k = start;
            while (true) {
                int op = page.decoded(ram, k);
                int kind = kind(op);
                if (kind == DELEGATE || kind == FENCE_I || kind == PAGE_END) {
                    break; // the block ends before it; the interpreter takes over there
                }
                k++;
                if (isBranch(kind)) {
                    follow(page, work, k - 1 + page.imm(k - 1));
                    follow(page, work, k);
                    break;
                }
                if (kind == JAL || kind == J) {
                    follow(page, work, k - 1 + page.imm(k - 1));
                    if (kind == JAL) {
                        follow(page, work, k); // the return site: a ret comes back here
                    }
                    break;
                }
                if (kind == JALR || kind == JR) {
                    break;
                }
                if (k - start == MAX_BLOCK || k == CodePage.WORDS) {
                    follow(page, work, k);
                    break;
                }
            }
            if (k > start) {
                region.blocks.put(start, new Block(start, k - start));
                region.instructions += k - start;
            }
        }
        return region.blocks.containsKey(entry) ? region : null;
    }

    /** Paths that never ran stay out: cold code would only make the method bigger and slower to compile. */
    private static void follow(CodePage page, Deque<Integer> work, int index) {
        if (index >= 0 && index < CodePage.WORDS && page.visited[index]) {
            work.add(index);
        }
    }
}
