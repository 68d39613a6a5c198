package vmlab.engine;

import java.util.Arrays;
import vmlab.machine.Bus;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Pmp;
import vmlab.machine.Privilege;

/**
 * A software TLB for the fast engines: virtual page to RAM offset, separately for loads, stores and fetches, direct-mapped.
 * The reference interpreter walks the Sv32 page table on every access; the fast engines walk once and then hit here.
 *
 * <p>A tag holds the virtual page's address ({@code va & ~0xFFF}); an empty slot holds 1, which no page address equals.
 * A hit is one comparison: {@code tag[slot(va)] == ((va + size - 1) & ~0xFFF)} also fails for an access that runs over
 * the end of the page, so misaligned accesses across pages take the slow path as they must. A delta added to the virtual
 * address gives the offset in {@link Bus#ram}.
 *
 * <p>Only plain RAM gets entries: devices, holes and faults always take the slow path (the reference interpreter), so
 * traps and MMIO side effects happen exactly as there. Watched pages (translated code, page tables) get no store entries,
 * so every store to them is seen. The whole TLB is flushed whenever translation may have changed: a trap, a CSR write,
 * xRET, {@code sfence.vma} (all of which end an engine's slice with {@code hart.recheck}), and a write to a page table.
 */
final class Tlb {
    /**
     * 16384 pages, 64 MiB: a program sweeping a 40 MB array (the sieve) keeps its pages here, where a 1024-entry TLB
     * walked the page table again on nearly every store. qemu-user never walks at all (guest addresses are host
     * addresses plus a constant), so this is what keeps the comparison about the engines and not about paging.
     */
    static final int SIZE = 16384, MASK = SIZE - 1;
    static final int EMPTY = 1;

    final int[] readTag = new int[SIZE], readDelta = new int[SIZE];
    final int[] writeTag = new int[SIZE], writeDelta = new int[SIZE];
    final int[] fetchTag = new int[SIZE];
    /**
     * The same load and store entries again, four ints per slot at {@code 4 * slot}: read tag, read delta, write tag,
     * write delta. The fast interpreter's loop reads this one array where it would need four, and so keeps three more of
     * its values in machine registers (docs/engines.md has the measurement); the block compiler's code
     * keeps the four arrays.
     */
    final int[] data = new int[4 * SIZE];
    static final int READ_DELTA = 1, WRITE_TAG = 2, WRITE_DELTA = 3;
    final CodePage[] fetchPage = new CodePage[SIZE];
    /**
     * The slots filled since the last flush. Flushes are frequent (every trap and system call) and most touch a few
     * dozen slots: clearing just those keeps a flush cheap however big the TLB is.
     */
    private final int[] filled = new int[SIZE];
    private int filledCount;

    private final Machine machine;
    private final EngineCache cache;

    Tlb(Machine machine, EngineCache cache) {
        this.machine = machine;
        this.cache = cache;
        Arrays.fill(readTag, EMPTY);
        Arrays.fill(writeTag, EMPTY);
        Arrays.fill(fetchTag, EMPTY);
        emptyData(0);
        emptyData(WRITE_TAG);
    }

    static int slot(int va) {
        return (va >>> 12) & MASK;
    }

    /** Where slot {@code slot(va)}'s entries start in {@link #data}: {@code 4 * slot(va)}. */
    static int dataSlot(int va) {
        return (va >>> 10) & (MASK << 2);
    }

    private void emptyData(int field) {
        for (int at = field; at < data.length; at += 4) {
            data[at] = EMPTY;
        }
    }

    void flush() {
        if (filledCount >= SIZE / 8) {
            Arrays.fill(readTag, EMPTY);
            Arrays.fill(writeTag, EMPTY);
            Arrays.fill(fetchTag, EMPTY);
            Arrays.fill(fetchPage, null);
            emptyData(0);
            emptyData(WRITE_TAG);
        } else {
            for (int k = 0; k < filledCount; k++) {
                int s = filled[k];
                readTag[s] = EMPTY;
                writeTag[s] = EMPTY;
                fetchTag[s] = EMPTY;
                fetchPage[s] = null;
                data[4 * s] = EMPTY;
                data[4 * s + WRITE_TAG] = EMPTY;
            }
        }
        filledCount = 0;
    }

    /** Drops every store entry (a page has just become watched). */
    void flushWrites() {
        if (filledCount >= SIZE / 8) {
            Arrays.fill(writeTag, EMPTY);
            emptyData(WRITE_TAG);
        } else {
            for (int k = 0; k < filledCount; k++) {
                writeTag[filled[k]] = EMPTY;
                data[4 * filled[k] + WRITE_TAG] = EMPTY;
            }
        }
    }

    /** Notes that slot {@code s} is about to be filled, so the next flush clears it. */
    private void filling(int s) {
        if (readTag[s] == EMPTY && writeTag[s] == EMPTY && fetchTag[s] == EMPTY) {
            if (filledCount == SIZE) { // only after many flushWrites: start over with a clean TLB
                flush();
            }
            filled[filledCount++] = s;
        }
    }

    /** True if a load of {@code size} bytes at {@code va} now hits; false means: let the reference interpreter do it. */
    boolean fillRead(int va, int size) {
        if ((va & 0xFFF) + size > 4096) {
            return false;
        }
        long pa = translate(va, Mmu.LOAD, dataPrivilege());
        if (pa < 0) {
            return false;
        }
        int s = slot(va);
        filling(s);
        readTag[s] = va & ~0xFFF;
        readDelta[s] = (int) pa - machine.bus.ramBase - (va & ~0xFFF);
        data[4 * s] = readTag[s];
        data[4 * s + READ_DELTA] = readDelta[s];
        return true;
    }

    boolean fillWrite(int va, int size) {
        if ((va & 0xFFF) + size > 4096) {
            return false;
        }
        long pa = translate(va, Mmu.STORE, dataPrivilege());
        if (pa < 0 || machine.bus.isWatched(((int) pa - machine.bus.ramBase) >>> 12)) {
            return false;
        }
        int s = slot(va);
        filling(s);
        writeTag[s] = va & ~0xFFF;
        writeDelta[s] = (int) pa - machine.bus.ramBase - (va & ~0xFFF);
        data[4 * s + WRITE_TAG] = writeTag[s];
        data[4 * s + WRITE_DELTA] = writeDelta[s];
        return true;
    }

    /** The code page {@code pc} executes from, or null if the fetch must go the slow way (fault, device, hole). */
    CodePage fetch(int pc) {
        int s = slot(pc);
        if (fetchTag[s] == (pc & ~0xFFF)) {
            return fetchPage[s];
        }
        long pa = translate(pc, Mmu.FETCH, machine.hart.privilege);
        if (pa < 0) {
            return null;
        }
        CodePage page = cache.page(((int) pa - machine.bus.ramBase) >>> 12);
        filling(s);
        fetchTag[s] = pc & ~0xFFF;
        fetchPage[s] = page;
        return page;
    }

    private int dataPrivilege() {
        Hart hart = machine.hart;
        int mode = hart.privilege;
        if (mode == Privilege.MACHINE && (hart.mstatus & Hart.MSTATUS_MPRV) != 0) {
            mode = hart.mpp();
        }
        return mode;
    }

    /**
     * The physical address of the page holding {@code va} if it is RAM the access may use, else -1. The walk is the
     * machine's own (so A and D bits are set exactly as the reference interpreter sets them); the page-table pages it
     * read are watched, so that a write to a PTE flushes this TLB.
     */
    private long translate(int va, int access, int mode) {
        Machine m = machine;
        Bus bus = m.bus;
        long pa;
        if (m.hart.virt) { // a guest's page: both stages, and every table page either stage read is watched
            pa = m.mmu.translateGuest(va & ~0xFFF, access, mode, false);
            if (pa < 0) {
                return -1;
            }
            for (int k = 0; k < m.mmu.walkedCount(); k++) {
                int table = (int) m.mmu.walkedTable(k) & ~0xFFF;
                if (bus.isRam(table, 4096)) {
                    cache.watchPageTable((table - bus.ramBase) >>> 12);
                }
            }
            mode = Privilege.SUPERVISOR; // PMP sees the guest as one S-mode client
        } else if (m.hart.privilege == Privilege.MACHINE && (m.hart.mstatush & Hart.MSTATUSH_MPV) != 0
                && (m.hart.mstatus & Hart.MSTATUS_MPRV) != 0) {
            return -1; // M-mode reaching into a guest's memory: rare, the slow path does it
        } else if (mode == Privilege.MACHINE || m.hart.satp >= 0) {
            pa = va & 0xFFFF_F000L;
        } else {
            watchPageTables(va);
            pa = m.mmu.translate(va & ~0xFFF, access, mode);
            if (pa < 0) {
                return -1;
            }
        }
        if (!bus.isRam((int) pa, 4096)) {
            return -1;
        }
        // PMP, when firmware has configured it: only a page it grants whole may be cached; others take the slow path,
        // which checks every access. Without active entries this is one field test.
        Pmp pmp = m.hart.pmp;
        return pmp.enforced(mode) && !pmp.permitsPage(pa, access, mode) ? -1 : pa;
    }

    private void watchPageTables(int va) {
        Bus bus = machine.bus;
        int root = (machine.hart.satp & 0x3F_FFFF) << 12;
        if (!bus.isRam(root, 4096)) {
            return;
        }
        cache.watchPageTable((root - bus.ramBase) >>> 12);
        int pte = (int) bus.read(root + 4 * (va >>> 22), 4);
        if ((pte & Mmu.PTE_V) != 0 && (pte & (Mmu.PTE_R | Mmu.PTE_X)) == 0) {
            int table = (pte >>> 10) << 12;
            if (bus.isRam(table, 4096)) {
                cache.watchPageTable((table - bus.ramBase) >>> 12);
            }
        }
    }
}
