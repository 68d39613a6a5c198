package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.Mmu;

/**
 * The page tables the real MMU walks while a guest runs: guest-virtual to host-physical, filled one 4 KiB page at a
 * time from the guest's own Sv32 tables (guest-virtual to guest-physical) and the guest's place in host RAM
 * (guest-physical to host-physical).
 *
 * <p>The guest's kernel and its users both run in real U-mode, so every shadow entry carries U, and the difference between
 * what the guest's S-mode and U-mode may touch has to live in the tables themselves: there is one shadow root per
 * <em>view</em> (the guest's mode, and for its kernel SUM and MXR), filled on demand. All views are dropped together
 * when the guest writes {@code satp} or runs {@code sfence.vma}.
 *
 * <p>The tables live in a pool of host frames reserved for this VM. When the pool runs out, everything is dropped and
 * filling starts again: correct, only slower.
 */
final class ShadowPageTables {
    static final int VIEWS = 8;
    private final Bus bus;
    private final int poolBase;
    private final int poolFrames;
    private int nextFrame;
    private final int[] roots = new int[VIEWS];
    private long fills, flushes, poolExhaustions;

    ShadowPageTables(Bus bus, int poolBase, int poolFrames) {
        this.bus = bus;
        this.poolBase = poolBase;
        this.poolFrames = poolFrames;
        flush();
    }

    /** The view index: the guest's mode (S = 4), and for S its SUM (2) and MXR (1) bits; U-mode only cares for MXR. */
    static int view(boolean supervisor, boolean sum, boolean mxr) {
        return (supervisor ? 4 : 0) | (supervisor && sum ? 2 : 0) | (mxr ? 1 : 0);
    }

    /** Forgets every shadow entry of every view. */
    void flush() {
        nextFrame = 0;
        java.util.Arrays.fill(roots, 0);
        flushes++;
    }

    /** The host-physical root for {@code view}, allocated if needed; 0 if the pool is exhausted. */
    int root(int view) {
        if (roots[view] == 0) {
            roots[view] = allocate();
        }
        return roots[view];
    }

    /** The satp value that makes the real MMU walk {@code view}'s table, or 0 if the pool is exhausted. */
    int satp(int view) {
        int root = root(view);
        return root == 0 ? 0 : 0x8000_0000 | (root >>> 12);
    }

    private int allocate() {
        if (nextFrame == poolFrames) {
            return 0;
        }
        int frame = poolBase + 4096 * nextFrame++;
        bus.zero(frame, 4096);
        return frame;
    }

    /**
     * Maps guest-virtual page {@code va} to host frame {@code hostFrame} with R/W/X {@code permissions} in {@code view}.
     * False if the pool ran out (the caller flushes and tries again).
     */
    boolean map(int view, int va, int hostFrame, int permissions) {
        int root = root(view);
        if (root == 0) {
            return false;
        }
        int rootEntry = root + 4 * (va >>> 22);
        int pointer = (int) bus.read(rootEntry, 4);
        int leafTable;
        if ((pointer & Mmu.PTE_V) == 0) {
            leafTable = allocate();
            if (leafTable == 0) {
                return false;
            }
            bus.write(rootEntry, 4, (leafTable >>> 12) << 10 | Mmu.PTE_V);
        } else {
            leafTable = (pointer >>> 10) << 12;
        }
        int pte = (hostFrame >>> 12) << 10 | permissions | Mmu.PTE_V | Mmu.PTE_U | Mmu.PTE_A | Mmu.PTE_D;
        bus.write(leafTable + 4 * ((va >>> 12) & 0x3FF), 4, pte);
        fills++;
        return true;
    }

    void poolExhausted() {
        poolExhaustions++;
    }

    long fills() {
        return fills;
    }

    long flushes() {
        return flushes;
    }

    long poolExhaustions() {
        return poolExhaustions;
    }

    int framesInUse() {
        return nextFrame;
    }
}
