package vmlab.engine;

import vmlab.machine.Machine;
import vmlab.machine.RamWatcher;

/**
 * Everything the fast engines derive from one machine's RAM: the software TLB, the predecoded code pages with their
 * translations, and the translation counters. There is one per machine, shared by every fast engine that runs it (so
 * switching engines mid-run stays coherent), reachable from the machine's bus as its {@link RamWatcher}, and gone with
 * the machine (generated classes included: nothing static holds them).
 *
 * <p>It keeps itself right by watching RAM: pages it decoded code from and pages holding page tables are watched on the
 * bus, and any write there, by an instruction of any engine, by the Linux layer or by DMA, comes back to
 * {@link #ramWritten}.
 */
final class EngineCache implements RamWatcher {
    /** More translations than this and the whole cache is dropped: a bound on memory whatever the guest does. */
    static final int MAX_TRANSLATIONS = 8192;

    final Machine machine;
    final Tlb tlb;
    final BlockContext context;
    final TranslationStatistics statistics = new TranslationStatistics();
    private final CodePage[] pages;
    private final boolean[] pageTables;
    /** Set when a delegated WFI found that nothing could ever wake the hart. */
    boolean waitingForever;
    /** The block compiler's last slice ended because its budget did, possibly in the middle of a block. */
    boolean sliceEndedMidBlock;
    int liveTranslations;
    private PageRunner interpreter;
    private int privateCopies;
    /** Instructions the fast interpreter has run on this machine, and when it gets its next {@link PrivateInterpreter}. */
    private long interpreted, nextCopyAt = PrivateInterpreter.AFTER_INSTRUCTIONS;

    private EngineCache(Machine machine) {
        this.machine = machine;
        int count = machine.bus.ramSize >>> 12;
        this.pages = new CodePage[count];
        this.pageTables = new boolean[count];
        this.tlb = new Tlb(machine, this);
        this.context = new BlockContext(machine.hart.x, machine.bus.ram, tlb);
    }

    static EngineCache of(Machine machine) {
        if (machine.bus.ramWatcher() instanceof EngineCache cache && cache.machine == machine) {
            return cache;
        }
        EngineCache cache = new EngineCache(machine);
        machine.bus.setRamWatcher(cache);
        return cache;
    }

    /** The fast interpreter's loop for this machine: the shared class, or the machine's own copy once it has earned one. */
    PageRunner interpreter() {
        if (interpreter == null) {
            interpreter = new PageInterpreter(this);
        }
        return interpreter;
    }

    /** The fast interpreter (as an engine, not as the block compiler's helper) ran {@code n} more instructions. */
    void interpreted(long n) {
        interpreted += n;
        if (interpreted >= nextCopyAt) {
            interpreter = PrivateInterpreter.copyFor(this);
            privateCopies++;
            nextCopyAt = interpreted * PrivateInterpreter.GROWTH;
        }
    }

    int privateCopies() {
        return privateCopies;
    }

    /** The code page for RAM page {@code index}, created (and watched) on first use. */
    CodePage page(int index) {
        CodePage page = pages[index];
        if (page == null) {
            page = new CodePage(index << 12);
            pages[index] = page;
            machine.bus.watchPage(index);
            tlb.flushWrites(); // stores to this page must now take the slow path
        }
        return page;
    }

    void watchPageTable(int index) {
        if (!pageTables[index]) {
            pageTables[index] = true;
            machine.bus.watchPage(index);
            tlb.flushWrites();
        }
    }

    @Override
    public void ramWritten(int offset, int length) {
        for (int index = offset >>> 12; index <= (offset + length - 1) >>> 12; index++) {
            if (pageTables[index]) {
                tlb.flush();
            }
            CodePage page = pages[index];
            if (page != null) {
                int from = Math.max(offset, index << 12) - (index << 12);
                int to = Math.min(offset + length, (index + 1) << 12) - (index << 12);
                int before = page.translationCount;
                if (page.written(from, to)) {
                    statistics.invalidations += before;
                    liveTranslations -= before;
                }
            }
        }
    }

    /** fence.i: forget all decoded and translated code (writes are tracked already; this is the architectural promise). */
    void fenceI() {
        dropAll();
        statistics.fences++;
    }

    void dropAll() {
        for (CodePage page : pages) {
            if (page != null) {
                statistics.invalidations += page.translationCount;
                page.dropTranslations();
                page.forgetDecoding();
            }
        }
        liveTranslations = 0;
    }
}
