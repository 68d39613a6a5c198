package vmlab.os;

import java.util.HashMap;
import java.util.Map;
import vmlab.machine.Bus;
import vmlab.machine.Mmu;

/**
 * One process's virtual memory: an Sv32 page table in guest RAM (what {@code satp} points to) plus the pages the process
 * may use. Pages are mapped lazily: {@link #reserve} records that a page is valid with some permissions; the first touch
 * faults and {@link #faultIn} gives it a zeroed frame, which is how stacks, {@code brk} and anonymous {@code mmap} grow
 * without costing RAM up front.
 *
 * <p>Every frame the address space allocates is charged to its {@link ControlGroup}; a charge refused at
 * {@code memory.max} fails the allocation like exhausted RAM, and {@link #outOfMemory()} then tells the kernel to call the
 * OOM killer rather than deliver SIGSEGV. Frames mapped from another holder ({@link #mapShared}, a fork's read-only pages)
 * are not charged again.
 */
public final class AddressSpace {
    public static final int PAGE = 4096;
    /** PTE permission bits a region can have. */
    public static final int READ = Mmu.PTE_R, WRITE = Mmu.PTE_W, EXECUTE = Mmu.PTE_X;

    private final Bus bus;
    private final Mmu mmu;
    private final FrameAllocator frames;
    /** Virtual page number to permissions (R/W/X bits, possibly 0 for PROT_NONE) for every valid user page. */
    private final Map<Integer, Integer> pages = new HashMap<>();
    /** Virtual pages whose frame another holder allocated (shared text): released without uncharging. */
    private final java.util.Set<Integer> borrowed = new java.util.HashSet<>();
    private final ControlGroup group;
    private final int root;
    private boolean outOfMemory;

    public AddressSpace(Bus bus, Mmu mmu, FrameAllocator frames) {
        this(bus, mmu, frames, null);
    }

    /** An address space whose frames are charged to {@code group} (null: to no group). */
    public AddressSpace(Bus bus, Mmu mmu, FrameAllocator frames, ControlGroup group) {
        this.bus = bus;
        this.mmu = mmu;
        this.frames = frames;
        this.group = group;
        this.root = allocateFrame();
        if (root == 0) {
            throw new IllegalStateException(outOfMemory ? "memory.max of cgroup " + group.path()
                    + " leaves no room for a page table" : "no RAM left for a page table");
        }
    }

    /** A charged frame, or 0 (RAM exhausted, or the group at memory.max: then {@link #outOfMemory()} is true). */
    private int allocateFrame() {
        if (group != null && !group.chargeFrame()) {
            outOfMemory = true;
            return 0;
        }
        int frame = frames.allocate();
        if (frame == 0 && group != null) {
            group.unchargeFrame();
        }
        return frame;
    }

    private void freeFrame(int frame) {
        frames.release(frame);
        if (group != null) {
            group.unchargeFrame();
        }
    }

    /** True once an allocation was refused because the group reached memory.max. */
    public boolean outOfMemory() {
        return outOfMemory;
    }

    /** Whether the last failed allocation was refused at memory.max, and forgets it (a page fault asks this once). */
    public boolean takeOutOfMemory() {
        boolean was = outOfMemory;
        outOfMemory = false;
        return was;
    }

    public ControlGroup group() {
        return group;
    }

    /** The satp value that makes the hart use this address space (Sv32 mode, ASID 0). */
    public int satp() {
        return 0x8000_0000 | (root >>> 12);
    }

    /** Marks pages [start, start+length) valid with {@code permissions}; they get frames on first touch. */
    public void reserve(int start, int length, int permissions) {
        for (long page = start & ~(PAGE - 1L) & 0xFFFF_FFFFL; page < (start & 0xFFFF_FFFFL) + length; page += PAGE) {
            int vpn = (int) (page >>> 12);
            pages.merge(vpn, permissions, (a, b) -> a | b);
            int pte = pte(vpn);
            if (pte != 0) { // already mapped: widen its permissions
                writePte(vpn, pte | pages.get(vpn));
            }
        }
    }

    /** Changes the permissions of reserved pages (mprotect). */
    public void protect(int start, int length, int permissions) {
        for (long page = start & 0xFFFF_FFFFL; page < (start & 0xFFFF_FFFFL) + length; page += PAGE) {
            int vpn = (int) (page >>> 12);
            if (pages.containsKey(vpn)) {
                pages.put(vpn, permissions);
                int pte = pte(vpn);
                if (pte != 0 && permissions == 0) { // a leaf needs R or X: PROT_NONE pages lose their frame
                    unmap(vpn, pte);
                } else if (pte != 0) {
                    writePte(vpn, pte & ~(READ | WRITE | EXECUTE) | permissions);
                }
            }
        }
    }

    /** Removes pages [start, start+length), freeing their frames. */
    public void release(int start, int length) {
        for (long page = start & 0xFFFF_FFFFL; page < (start & 0xFFFF_FFFFL) + length; page += PAGE) {
            int vpn = (int) (page >>> 12);
            pages.remove(vpn);
            int pte = pte(vpn);
            if (pte != 0) {
                unmap(vpn, pte);
            }
        }
    }

    private void unmap(int vpn, int pte) {
        int frame = (pte >>> 10) << 12;
        if (borrowed.remove(vpn)) {
            frames.release(frame);
        } else {
            freeFrame(frame);
        }
        writePte(vpn, 0);
    }

    /**
     * Maps {@code frame}, which another holder allocated and filled, at virtual page {@code address} with
     * {@code permissions} (never writable: whoever writes would change the page for everyone). Takes a reference.
     */
    public boolean mapShared(int address, int frame, int permissions) {
        if ((permissions & WRITE) != 0) {
            throw new IllegalArgumentException("a shared frame cannot be mapped writable");
        }
        int vpn = address >>> 12;
        int table = leafTable(vpn);
        if (table == 0) {
            return false;
        }
        int old = pte(vpn);
        if (old != 0) {
            unmap(vpn, old);
        }
        pages.put(vpn, permissions);
        frames.retain(frame);
        borrowed.add(vpn);
        bus.write(table + 4 * (vpn & 0x3FF), 4,
                (frame >>> 12) << 10 | permissions | Mmu.PTE_V | Mmu.PTE_U | Mmu.PTE_A | Mmu.PTE_D);
        return true;
    }

    /** The frame behind virtual page {@code address} if it is mapped, else 0. */
    public int frameOf(int address) {
        int pte = pte(address >>> 12);
        return pte == 0 ? 0 : (pte >>> 10) << 12;
    }

    /**
     * Fills {@code child} (a fresh address space) with a copy of this one, as {@code fork} does: read-only pages are
     * shared (the same frame, one more reference), writable pages are copied at once, pages never touched stay untouched
     * in both. False if the child ran out of memory (RAM or its group's memory.max).
     */
    public boolean copyInto(AddressSpace child) {
        for (Map.Entry<Integer, Integer> page : pages.entrySet()) {
            int vpn = page.getKey(), permissions = page.getValue();
            int pte = pte(vpn);
            if (pte == 0) {
                child.pages.put(vpn, permissions);
            } else if ((permissions & WRITE) == 0 && permissions != 0) {
                if (!child.mapShared(vpn << 12, (pte >>> 10) << 12, permissions)) {
                    return false;
                }
            } else {
                child.pages.put(vpn, permissions);
                int frame = child.map(vpn, permissions);
                if (frame == 0) {
                    return false;
                }
                int from = ((pte >>> 10) << 12) - bus.ramBase;
                bus.copyIn(frame, bus.ram, from, PAGE);
            }
        }
        return true;
    }

    public boolean isReserved(int address) {
        return pages.containsKey(address >>> 12);
    }

    /** True if no page in [start, start+length) is reserved. */
    public boolean isFree(int start, int length) {
        for (long page = start & 0xFFFF_FFFFL; page < (start & 0xFFFF_FFFFL) + length; page += PAGE) {
            if (pages.containsKey((int) (page >>> 12))) {
                return false;
            }
        }
        return true;
    }

    /** Permissions of a reserved page, or -1. */
    public int permissions(int address) {
        return pages.getOrDefault(address >>> 12, -1);
    }

    /**
     * Resolves a page fault: gives the reserved page at {@code address} a frame. False if the page is not reserved, the
     * access is not allowed (write to read-only...), or RAM is exhausted: the process then gets SIGSEGV.
     */
    public boolean faultIn(int address, int access) {
        int vpn = address >>> 12;
        Integer permissions = pages.get(vpn);
        if (permissions == null || pte(vpn) != 0) {
            return false; // not ours, or mapped already and the fault was a permission violation
        }
        int needed = access == Mmu.FETCH ? EXECUTE : access == Mmu.LOAD ? READ : WRITE;
        if ((permissions & needed) == 0) {
            return false;
        }
        return map(vpn, permissions) != 0;
    }

    /** The physical address behind {@code address}, faulting the page in if needed; -1 if not accessible. */
    public long physical(int address, boolean write) {
        int vpn = address >>> 12;
        Integer permissions = pages.get(vpn);
        if (permissions == null || (permissions & (write ? WRITE : READ)) == 0) {
            return -1;
        }
        int pte = pte(vpn);
        int frame = pte != 0 ? (pte >>> 10) << 12 : map(vpn, permissions);
        if (frame == 0) {
            return -1;
        }
        return (frame & 0xFFFF_FFFFL) | (address & (PAGE - 1));
    }

    /** Copies bytes from the host into the process (the loader, read()); false on a bad address. */
    public boolean write(int address, byte[] data, int from, int length) {
        return copy(address, data, from, length, true);
    }

    /** Copies bytes from the process to the host (write()); false on a bad address. */
    public boolean read(int address, byte[] into, int from, int length) {
        return copy(address, into, from, length, false);
    }

    private boolean copy(int address, byte[] data, int from, int length, boolean intoGuest) {
        int done = 0;
        while (done < length) {
            int va = address + done;
            int chunk = Math.min(length - done, PAGE - (va & (PAGE - 1)));
            long pa = physical(va, intoGuest);
            if (pa < 0) {
                return false;
            }
            int offset = (int) pa - bus.ramBase;
            if (intoGuest) {
                bus.copyIn((int) pa, data, from + done, chunk); // through the bus: engines may cache code from it
            } else {
                System.arraycopy(bus.ram, offset, data, from + done, chunk);
            }
            done += chunk;
        }
        return true;
    }

    /** Writes without checking the page's write permission (the loader filling read-only code pages). */
    public boolean load(int address, byte[] data) {
        int done = 0;
        while (done < data.length) {
            int va = address + done;
            int chunk = Math.min(data.length - done, PAGE - (va & (PAGE - 1)));
            int vpn = va >>> 12;
            Integer permissions = pages.get(vpn);
            if (permissions == null) {
                return false;
            }
            int pte = pte(vpn);
            int frame = pte != 0 ? (pte >>> 10) << 12 : map(vpn, permissions);
            if (frame == 0) {
                return false;
            }
            bus.copyIn(frame + (va & (PAGE - 1)), data, done, chunk);
            done += chunk;
        }
        return true;
    }

    /** A NUL-terminated string from the process, or null on a bad address or if longer than {@code max}. */
    public String readString(int address, int max) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] one = new byte[1];
        for (int k = 0; k < max; k++) {
            if (!read(address + k, one, 0, 1)) {
                return null;
            }
            if (one[0] == 0) {
                return out.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            out.write(one[0]);
        }
        return null;
    }

    public boolean writeInt(int address, int value) {
        return write(address, new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)},
                0, 4);
    }

    public boolean writeLong(int address, long value) {
        return writeInt(address, (int) value) && writeInt(address + 4, (int) (value >>> 32));
    }

    /** Frees every frame, page tables included; the address space is unusable afterwards. */
    public void destroy() {
        for (int vpn : pages.keySet().toArray(new Integer[0])) {
            release(vpn << 12, PAGE);
        }
        for (int i = 0; i < 1024; i++) {
            int entry = (int) bus.read(root + 4 * i, 4);
            if ((entry & Mmu.PTE_V) != 0) {
                freeFrame((entry >>> 10) << 12);
            }
        }
        freeFrame(root);
    }

    public int pagesReserved() {
        return pages.size();
    }

    // ---- the page table itself ---------------------------------------------------------------------------------------

    private int map(int vpn, int permissions) {
        int frame = allocateFrame();
        if (frame == 0) {
            return 0;
        }
        int table = leafTable(vpn);
        if (table == 0) {
            freeFrame(frame);
            return 0;
        }
        // A and D preset: the kernel has already decided this page is in use, so the walk need not write them.
        bus.write(table + 4 * (vpn & 0x3FF), 4,
                (frame >>> 12) << 10 | permissions | Mmu.PTE_V | Mmu.PTE_U | Mmu.PTE_A | Mmu.PTE_D);
        return frame;
    }

    private int leafTable(int vpn) {
        int slot = root + 4 * (vpn >>> 10);
        int entry = (int) bus.read(slot, 4);
        if ((entry & Mmu.PTE_V) != 0) {
            return (entry >>> 10) << 12;
        }
        int table = allocateFrame();
        if (table != 0) {
            bus.write(slot, 4, (table >>> 12) << 10 | Mmu.PTE_V);
        }
        return table;
    }

    private int pte(int vpn) {
        int entry = (int) bus.read(root + 4 * (vpn >>> 10), 4);
        if ((entry & Mmu.PTE_V) == 0) {
            return 0;
        }
        int pte = (int) bus.read(((entry >>> 10) << 12) + 4 * (vpn & 0x3FF), 4);
        return (pte & Mmu.PTE_V) != 0 ? pte : 0;
    }

    private void writePte(int vpn, int pte) {
        mmu.flush(); // the hart may hold the old translation
        int entry = (int) bus.read(root + 4 * (vpn >>> 10), 4);
        if ((entry & Mmu.PTE_V) != 0) {
            bus.write(((entry >>> 10) << 12) + 4 * (vpn & 0x3FF), 4, pte);
        }
    }
}
