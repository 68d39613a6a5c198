package vmlab.machine;

/**
 * Virtual memory: Sv32 address translation and the virtual-address loads, stores and fetches every engine uses.
 *
 * <p>Results are values: a load returns the zero-extended value or a negative {@link Cause#fault(int)}; a store returns 0 or
 * such a fault. The caller raises the trap with the faulting virtual address as {@code tval}.
 *
 * <p>The walk follows the privileged spec 1.12, section 4.3.2, step by step; A and D bits are set by the walk, as QEMU does.
 * Effective privilege for loads and stores honours {@code mstatus.MPRV}; {@code SUM} and {@code MXR} change what a leaf allows.
 */
public final class Mmu {
    public static final int FETCH = 0, LOAD = 1, STORE = 2;

    public static final int PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;
    public static final int PAGE_SIZE = 4096;

    private final Hart hart;
    private final Bus bus;

    /*
     * A translation lookaside buffer: 256 direct-mapped entries of virtual page number -> leaf PTE and physical page.
     * Permissions are checked against the cached PTE on every hit (so privilege, SUM and MXR changes need no flush); a
     * store to a page whose cached PTE is not yet dirty walks again to set D. Entries belong to one satp value; a
     * different satp, SFENCE.VMA and the host kernel's page-table edits flush it, as on hardware.
     */
    private static final int TLB_SIZE = 256;
    private final int[] tlbPage = new int[TLB_SIZE];
    private final int[] tlbPte = new int[TLB_SIZE];
    private final int[] tlbFrame = new int[TLB_SIZE];
    private int tlbSatp;
    private int lastLeafPte;

    public Mmu(Hart hart, Bus bus) {
        this.hart = hart;
        this.bus = bus;
        flush();
    }

    /** Forgets every cached translation (SFENCE.VMA, a new satp, a page table changed by the host). */
    public void flush() {
        java.util.Arrays.fill(tlbPage, -1);
        tlbSatp = hart.satp;
        fetchPage = -1;
    }

    /*
     * The page instructions were last fetched from, for the privilege they were fetched at: straight-line code and
     * loops stay on one page, so most fetches skip even the TLB. Flushed with the TLB.
     */
    private int fetchPage = -1, fetchFrame, fetchPrivilege;

    /** The physical address for {@code va}, from the TLB when it can be, else from a walk that refills it. */
    private long lookup(int va, int access, int mode) {
        if (hart.satp != tlbSatp) {
            flush();
        }
        int page = va >>> 12;
        int slot = page & (TLB_SIZE - 1);
        if (tlbPage[slot] == page) {
            int pte = tlbPte[slot];
            if (permits(pte, access, mode) && (access != STORE || (pte & PTE_D) != 0)) {
                return (tlbFrame[slot] & 0xFFFF_FFFFL) | (va & 0xFFF);
            }
        }
        long pa = translate(va, access, mode);
        if (pa >= 0) {
            tlbPage[slot] = page;
            tlbPte[slot] = lastLeafPte;
            tlbFrame[slot] = (int) pa & ~0xFFF;
        }
        return pa;
    }

    /** The privilege a load or store runs with: MPRV lets M-mode use MPP's view of memory. */
    public int dataPrivilege() {
        int mode = hart.privilege;
        if (mode == Privilege.MACHINE && (hart.mstatus & Hart.MSTATUS_MPRV) != 0) {
            mode = hart.mpp();
        }
        return mode;
    }

    private boolean paging(int mode) {
        return mode != Privilege.MACHINE && hart.satp < 0;
    }

    /** False if PMP forbids this physical access in {@code mode} (checked only when some PMP entry is active). */
    private boolean pmpDenies(long pa, int size, int access, int mode) {
        Pmp pmp = hart.pmp;
        return pmp.enforced(mode) && !pmp.permits(pa & 0xFFFF_FFFFL, size, access, mode);
    }

    /** Fetches the 32-bit instruction at {@code va}: the word, or a fault. */
    public long fetch(int va) {
        if (hart.virt) {
            return guestFetch(va);
        }
        if (!paging(hart.privilege)) {
            if (pmpDenies(va, 4, FETCH, hart.privilege)) {
                return Cause.fault(Cause.INSTRUCTION_ACCESS_FAULT);
            }
            long word = bus.read(va, 4);
            return word == Bus.FAULT ? Cause.fault(Cause.INSTRUCTION_ACCESS_FAULT) : word;
        }
        if (va >>> 12 == fetchPage && hart.privilege == fetchPrivilege && hart.satp == tlbSatp
                && !pmpDenies(fetchFrame | (va & 0xFFF), 4, FETCH, hart.privilege)) {
            long word = bus.read(fetchFrame | (va & 0xFFF), 4);
            if (word != Bus.FAULT) {
                return word;
            }
        }
        long pa = lookup(va, FETCH, hart.privilege);
        if (pa < 0) {
            return pa;
        }
        if (pmpDenies(pa, 4, FETCH, hart.privilege)) {
            return Cause.fault(Cause.INSTRUCTION_ACCESS_FAULT);
        }
        fetchPage = va >>> 12;
        fetchFrame = (int) pa & ~0xFFF;
        fetchPrivilege = hart.privilege;
        long word = bus.read((int) pa, 4);
        return word == Bus.FAULT ? Cause.fault(Cause.INSTRUCTION_ACCESS_FAULT) : word;
    }

    /** Loads 1, 2 or 4 bytes (zero-extended), or a fault. Misaligned loads work, even across pages. */
    public long load(int va, int size) {
        if (hart.virt || hart.mstatush != 0 && virtualMprv()) {
            return guestLoad(va, size, guestDataPrivilege(), false);
        }
        int mode = dataPrivilege();
        if (!paging(mode)) {
            if (pmpDenies(va, size, LOAD, mode)) {
                return Cause.fault(Cause.LOAD_ACCESS_FAULT);
            }
            long value = bus.read(va, size);
            return value == Bus.FAULT ? Cause.fault(Cause.LOAD_ACCESS_FAULT) : value;
        }
        if ((va & 0xFFF) + size > PAGE_SIZE) {
            return loadAcrossPages(va, size, mode);
        }
        long pa = lookup(va, LOAD, mode);
        if (pa < 0) {
            return pa;
        }
        if (pmpDenies(pa, size, LOAD, mode)) {
            return Cause.fault(Cause.LOAD_ACCESS_FAULT);
        }
        long value = bus.read((int) pa, size);
        return value == Bus.FAULT ? Cause.fault(Cause.LOAD_ACCESS_FAULT) : value;
    }

    /** Stores the low {@code size} bytes of {@code value}: 0, or a fault (and then nothing was written). */
    public long store(int va, int size, int value) {
        if (hart.virt || hart.mstatush != 0 && virtualMprv()) {
            return guestStore(va, size, value, guestDataPrivilege());
        }
        int mode = dataPrivilege();
        if (!paging(mode)) {
            if (pmpDenies(va, size, STORE, mode)) {
                return Cause.fault(Cause.STORE_ACCESS_FAULT);
            }
            return bus.write(va, size, value) ? 0 : Cause.fault(Cause.STORE_ACCESS_FAULT);
        }
        if ((va & 0xFFF) + size > PAGE_SIZE) {
            return storeAcrossPages(va, size, value, mode);
        }
        long pa = lookup(va, STORE, mode);
        if (pa < 0) {
            return pa;
        }
        if (pmpDenies(pa, size, STORE, mode)) {
            return Cause.fault(Cause.STORE_ACCESS_FAULT);
        }
        return bus.write((int) pa, size, value) ? 0 : Cause.fault(Cause.STORE_ACCESS_FAULT);
    }

    /** Translates for a load or store with the current data privilege (used by AMOs, which read and write one address). */
    public long translateData(int va, int access) {
        if (hart.virt || hart.mstatush != 0 && virtualMprv()) {
            if ((va & 0xFFF) + 4 > PAGE_SIZE) {
                return Cause.fault(accessFault(access));
            }
            long pa = translateGuest(va, access, guestDataPrivilege(), false);
            return pa >= 0 && pmpDenies(pa, 4, access, Privilege.SUPERVISOR) ? Cause.fault(accessFault(access)) : pa;
        }
        int mode = dataPrivilege();
        long pa = paging(mode) ? lookup(va, access, mode) : va & 0xFFFF_FFFFL;
        if (pa >= 0 && hart.pmp.enforced(mode) && !hart.pmp.permitsReadWrite(pa, mode)) {
            return Cause.fault(accessFault(access));
        }
        return pa;
    }

    private long loadAcrossPages(int va, int size, int mode) {
        long first = translate(va, LOAD, mode);
        if (first < 0) {
            return first;
        }
        long second = translate(va + size - 1, LOAD, mode);
        if (second < 0) {
            return second;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            long pa = translate(va + i, LOAD, mode);
            if (pmpDenies(pa, 1, LOAD, mode)) {
                return Cause.fault(Cause.LOAD_ACCESS_FAULT);
            }
            long b = bus.read((int) pa, 1);
            if (b == Bus.FAULT) {
                return Cause.fault(Cause.LOAD_ACCESS_FAULT);
            }
            value |= b << (8 * i);
        }
        return value;
    }

    private long storeAcrossPages(int va, int size, int value, int mode) {
        long first = translate(va, STORE, mode);
        if (first < 0) {
            return first;
        }
        long second = translate(va + size - 1, STORE, mode);
        if (second < 0) {
            return second;
        }
        for (int i = 0; i < size; i++) {
            if (pmpDenies(translate(va + i, STORE, mode), 1, STORE, mode)) {
                return Cause.fault(Cause.STORE_ACCESS_FAULT);
            }
        }
        for (int i = 0; i < size; i++) {
            long pa = translate(va + i, STORE, mode);
            if (!bus.write((int) pa, 1, value >>> (8 * i))) {
                return Cause.fault(Cause.STORE_ACCESS_FAULT);
            }
        }
        return 0;
    }

    private static int pageFault(int access) {
        return access == FETCH ? Cause.INSTRUCTION_PAGE_FAULT : access == LOAD ? Cause.LOAD_PAGE_FAULT : Cause.STORE_PAGE_FAULT;
    }

    private static int accessFault(int access) {
        return access == FETCH ? Cause.INSTRUCTION_ACCESS_FAULT
                : access == LOAD ? Cause.LOAD_ACCESS_FAULT : Cause.STORE_ACCESS_FAULT;
    }

    /**
     * The Sv32 walk: the physical address (as an unsigned value below 2^32) or a fault. Physical addresses beyond 4 GiB
     * (Sv32 has 34 bits) are holes on this board and give access faults.
     */
    public long translate(int va, int access, int mode) {
        long table = (hart.satp & 0x3F_FFFFL) << 12;
        for (int level = 1; level >= 0; level--) {
            int vpn = level == 1 ? va >>> 22 : (va >>> 12) & 0x3FF;
            long pteAddress = table + vpn * 4L;
            if (pteAddress > 0xFFFF_FFFFL) {
                return Cause.fault(accessFault(access));
            }
            long read = pmpDenies(pteAddress, 4, LOAD, Privilege.SUPERVISOR) ? Bus.FAULT : bus.read((int) pteAddress, 4);
            if (read == Bus.FAULT) {
                return Cause.fault(accessFault(access));
            }
            int pte = (int) read;
            if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) {
                return Cause.fault(pageFault(access));
            }
            long ppn = (pte >>> 10) & 0x3F_FFFFL;
            if ((pte & (PTE_R | PTE_X)) == 0) { // a pointer to the next level
                table = ppn << 12;
                continue;
            }
            if (!permits(pte, access, mode)) {
                return Cause.fault(pageFault(access));
            }
            if (level == 1 && (ppn & 0x3FF) != 0) { // a misaligned megapage
                return Cause.fault(pageFault(access));
            }
            int updated = pte | PTE_A | (access == STORE ? PTE_D : 0);
            if (updated != pte && (pmpDenies(pteAddress, 4, STORE, Privilege.SUPERVISOR)
                    || !bus.write((int) pteAddress, 4, updated))) {
                return Cause.fault(accessFault(access));
            }
            lastLeafPte = updated;
            long pa = level == 1
                    ? (ppn << 12) | (va & 0x3F_FFFFL)
                    : (ppn << 12) | (va & 0xFFFL);
            return pa > 0xFFFF_FFFFL ? Cause.fault(accessFault(access)) : pa;
        }
        return Cause.fault(pageFault(access));
    }

    // ---- the H extension: two-stage translation ------------------------------------------------------------------------

    /*
     * A guest's address goes through two page tables: the VS-stage (the guest kernel's own Sv32 table, through vsatp)
     * turns a guest virtual address into a guest physical one, and the G-stage (the hypervisor's Sv32x4 table, through
     * hgatp) turns that into a host physical address. Every VS-stage page-table read is itself a guest physical access
     * that goes through the G-stage. A G-stage refusal is a guest-page fault (causes 20, 21, 23): the hypervisor's
     * business, reported with the guest physical address >> 2 ({@link #guestFaultAddress}). These walks are not cached
     * here; the fast engines' TLB caches their results and watches the table pages ({@link #walkedTables}).
     */

    /** The guest physical address >> 2 of the last guest-page fault, for htval or mtval2. */
    private int guestFaultAddress;
    /**
     * What htinst/mtinst say about the last guest-page fault: 0 for the instruction's own access, or the spec's
     * pseudo-instruction for the VS-stage walk's implicit access: 0x2000 (a 32-bit read of a table entry), 0x2020 (a write).
     */
    private int guestFaultInstruction;
    /** The host physical addresses of the page-table entries the last two-stage walk read. */
    private final long[] walkedTables = new long[12];
    private int walkedCount;

    public int guestFaultAddress() {
        return guestFaultAddress;
    }

    public int guestFaultInstruction() {
        return guestFaultInstruction;
    }

    /** How many table entries the last two-stage walk read; their host addresses are {@link #walkedTable}. */
    public int walkedCount() {
        return walkedCount;
    }

    public long walkedTable(int k) {
        return walkedTables[k];
    }

    /** M-mode with MPRV and MPV: loads and stores use the guest's translation, as HLV/HSV do. */
    private boolean virtualMprv() {
        return hart.privilege == Privilege.MACHINE && (hart.mstatus & Hart.MSTATUS_MPRV) != 0
                && (hart.mstatush & Hart.MSTATUSH_MPV) != 0 && hart.mpp() != Privilege.MACHINE;
    }

    private int guestDataPrivilege() {
        return hart.privilege == Privilege.MACHINE ? hart.mpp() : hart.privilege;
    }

    private long guestFetch(int va) {
        long pa = translateGuest(va, FETCH, hart.privilege, false);
        if (pa < 0) {
            return pa;
        }
        long word = pmpDenies(pa, 4, FETCH, Privilege.SUPERVISOR) ? Bus.FAULT : bus.read((int) pa, 4);
        return word == Bus.FAULT ? Cause.fault(Cause.INSTRUCTION_ACCESS_FAULT) : word;
    }

    /**
     * A load in the guest's address space, as if in mode {@code mode} with V=1 (an ordinary VS/VU load, MPRV with MPV,
     * or HLV with {@code hstatus.SPVP}); {@code executable} is HLVX: the pages must be executable rather than readable.
     */
    public long guestLoad(int va, int size, int mode, boolean executable) {
        long value = 0;
        for (int done = 0; done < size; ) { // a misaligned access may cross a page: one piece per page
            int at = va + done;
            int piece = Math.min(size - done, PAGE_SIZE - (at & 0xFFF));
            long pa = translateGuest(at, LOAD, mode, executable);
            if (pa < 0) {
                return pa;
            }
            long read = pmpDenies(pa, piece, LOAD, Privilege.SUPERVISOR) ? Bus.FAULT : bus.read((int) pa, piece);
            if (read == Bus.FAULT) {
                return Cause.fault(Cause.LOAD_ACCESS_FAULT);
            }
            value |= read << (8 * done);
            done += piece;
        }
        return value;
    }

    /** A store in the guest's address space as if in mode {@code mode} with V=1: 0, or a fault (nothing written). */
    public long guestStore(int va, int size, int value, int mode) {
        int firstPiece = Math.min(size, PAGE_SIZE - (va & 0xFFF));
        long first = translateGuest(va, STORE, mode, false);
        if (first < 0) {
            return first;
        }
        long second = firstPiece < size ? translateGuest(va + firstPiece, STORE, mode, false) : -1;
        if (firstPiece < size && second < 0) {
            return second;
        }
        if (pmpDenies(first, firstPiece, STORE, Privilege.SUPERVISOR)
                || firstPiece < size && pmpDenies(second, size - firstPiece, STORE, Privilege.SUPERVISOR)) {
            return Cause.fault(Cause.STORE_ACCESS_FAULT);
        }
        boolean written = bus.write((int) first, firstPiece, value)
                && (firstPiece == size || bus.write((int) second, size - firstPiece, value >>> (8 * firstPiece)));
        return written ? 0 : Cause.fault(Cause.STORE_ACCESS_FAULT);
    }

    private static int guestPageFault(int access) {
        return access == FETCH ? Cause.INSTRUCTION_GUEST_PAGE_FAULT
                : access == LOAD ? Cause.LOAD_GUEST_PAGE_FAULT : Cause.STORE_GUEST_PAGE_FAULT;
    }

    /** Both stages for a guest virtual address: the host physical address, or a fault. */
    public long translateGuest(int va, int access, int mode, boolean executable) {
        walkedCount = 0;
        if (hart.vsatp >= 0) { // VS-stage bare: the guest virtual address is the guest physical one
            return translateGStage(va & 0xFFFF_FFFFL, access, executable, access);
        }
        long table = (hart.vsatp & 0x3F_FFFFL) << 12;
        for (int level = 1; level >= 0; level--) {
            int vpn = level == 1 ? va >>> 22 : (va >>> 12) & 0x3FF;
            long pteGuest = table + vpn * 4L;
            long pteAddress = translateGStage(pteGuest, LOAD, false, access);
            if (pteAddress < 0) {
                guestFaultInstruction = IMPLICIT_READ;
                return pteAddress;
            }
            long read = bus.read((int) pteAddress, 4);
            if (read == Bus.FAULT) {
                return Cause.fault(accessFault(access));
            }
            note(pteAddress);
            int pte = (int) read;
            if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) {
                return Cause.fault(pageFault(access));
            }
            long ppn = (pte >>> 10) & 0x3F_FFFFL;
            if ((pte & (PTE_R | PTE_X)) == 0) {
                table = ppn << 12;
                continue;
            }
            if (!guestPermits(pte, access, mode, executable) || level == 1 && (ppn & 0x3FF) != 0) {
                return Cause.fault(pageFault(access));
            }
            int updated = pte | PTE_A | (access == STORE ? PTE_D : 0);
            if (updated != pte) { // setting A or D is a store to the guest's table: the G-stage must allow it
                long writable = translateGStage(pteGuest, STORE, false, access);
                if (writable < 0) {
                    guestFaultInstruction = IMPLICIT_WRITE;
                    return writable;
                }
                if (!bus.write((int) writable, 4, updated)) {
                    return Cause.fault(accessFault(access));
                }
            }
            long guestPhysical = level == 1 ? (ppn << 12) | (va & 0x3F_FFFFL) : (ppn << 12) | (va & 0xFFFL);
            return translateGStage(guestPhysical, access, executable, access);
        }
        return Cause.fault(pageFault(access));
    }

    private void note(long pteAddress) {
        if (walkedCount < walkedTables.length) {
            walkedTables[walkedCount++] = pteAddress;
        }
    }

    /** The VS-stage's permission rules: as Sv32's, with the guest's own vsstatus.SUM and MXR (or mstatus.MXR). */
    private boolean guestPermits(int pte, int access, int mode, boolean executable) {
        boolean user = (pte & PTE_U) != 0;
        if (mode == Privilege.USER && !user) {
            return false;
        }
        if (mode == Privilege.SUPERVISOR && user && (access == FETCH || (hart.vsstatus & Hart.MSTATUS_SUM) == 0)) {
            return false;
        }
        boolean mxr = ((hart.vsstatus | hart.mstatus) & Hart.MSTATUS_MXR) != 0;
        return switch (access) {
            case FETCH -> (pte & PTE_X) != 0;
            case LOAD -> executable ? (pte & PTE_X) != 0 : (pte & PTE_R) != 0 || mxr && (pte & PTE_X) != 0;
            default -> (pte & PTE_W) != 0;
        };
    }

    /**
     * The G-stage (Sv32x4) for a guest physical address of up to 34 bits: the host physical address, or a fault. Its
     * root table is 16 KiB (the first level indexes 12 bits); every leaf must be a user page, since the guest as a whole
     * is the hypervisor's user. A refusal is a guest-page fault of {@code faultAccess}, the kind of the original access.
     */
    private long translateGStage(long gpa, int access, boolean executable, int faultAccess) {
        if (hart.hgatp >= 0) {
            return gpa > 0xFFFF_FFFFL ? Cause.fault(accessFault(faultAccess)) : gpa;
        }
        long table = (hart.hgatp & 0x3F_FFFFL) << 12;
        for (int level = 1; level >= 0; level--) {
            long vpn = level == 1 ? gpa >>> 22 : (gpa >>> 12) & 0x3FF;
            long pteAddress = table + vpn * 4L;
            long read = pteAddress > 0xFFFF_FFFFL ? Bus.FAULT : bus.read((int) pteAddress, 4);
            if (read == Bus.FAULT) {
                return Cause.fault(accessFault(faultAccess));
            }
            note(pteAddress);
            int pte = (int) read;
            if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) {
                return guestFault(gpa, faultAccess);
            }
            long ppn = (pte >>> 10) & 0x3F_FFFFL;
            if ((pte & (PTE_R | PTE_X)) == 0) {
                table = ppn << 12;
                continue;
            }
            boolean mxr = (hart.mstatus & Hart.MSTATUS_MXR) != 0;
            boolean allowed = (pte & PTE_U) != 0 && switch (access) {
                case FETCH -> (pte & PTE_X) != 0;
                case LOAD -> executable ? (pte & PTE_X) != 0 : (pte & PTE_R) != 0 || mxr && (pte & PTE_X) != 0;
                default -> (pte & PTE_W) != 0;
            };
            if (!allowed || level == 1 && (ppn & 0x3FF) != 0) {
                return guestFault(gpa, faultAccess);
            }
            int updated = pte | PTE_A | (access == STORE ? PTE_D : 0);
            if (updated != pte && !bus.write((int) pteAddress, 4, updated)) {
                return Cause.fault(accessFault(faultAccess));
            }
            long pa = level == 1 ? (ppn << 12) | (gpa & 0x3F_FFFFL) : (ppn << 12) | (gpa & 0xFFFL);
            return pa > 0xFFFF_FFFFL ? Cause.fault(accessFault(faultAccess)) : pa;
        }
        return guestFault(gpa, faultAccess);
    }

    private static final int IMPLICIT_READ = 0x2000, IMPLICIT_WRITE = 0x2020;

    private long guestFault(long gpa, int access) {
        guestFaultAddress = (int) (gpa >>> 2);
        guestFaultInstruction = 0;
        return Cause.fault(guestPageFault(access));
    }

    private boolean permits(int pte, int access, int mode) {
        boolean user = (pte & PTE_U) != 0;
        if (mode == Privilege.USER && !user) {
            return false;
        }
        if (mode == Privilege.SUPERVISOR && user && (access == FETCH || (hart.mstatus & Hart.MSTATUS_SUM) == 0)) {
            return false;
        }
        return switch (access) {
            case FETCH -> (pte & PTE_X) != 0;
            case LOAD -> (pte & PTE_R) != 0 || ((hart.mstatus & Hart.MSTATUS_MXR) != 0 && (pte & PTE_X) != 0);
            default -> (pte & PTE_W) != 0;
        };
    }
}
