package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.Cause;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;

/**
 * The guest's Sv32 walk, done in software by the monitor: guest-virtual to guest-physical through the guest's own page
 * tables, with the guest's privilege, SUM and MXR, exactly as the hardware would have walked them (privileged spec 1.12,
 * 4.3.2), A and D bits included. A page-table entry outside the guest's RAM is an access fault, as a hole is on the
 * bare machine.
 */
final class GuestPageWalk {
    /** The leaf entry of the last successful walk (a synthetic all-permissions leaf when translation is off). */
    int leaf;

    /** The guest-physical address for {@code va} (unsigned, below 2^32), or a negative {@link Cause#fault}. */
    long translate(Vcpu v, GuestRam ram, int va, int access) {
        if (v.satp >= 0) { // Bare: addresses are physical
            leaf = Mmu.PTE_R | Mmu.PTE_W | Mmu.PTE_X | Mmu.PTE_U | Mmu.PTE_A | Mmu.PTE_D | Mmu.PTE_V;
            return va & 0xFFFF_FFFFL;
        }
        long table = (v.satp & 0x3F_FFFFL) << 12;
        for (int level = 1; level >= 0; level--) {
            int vpn = level == 1 ? va >>> 22 : (va >>> 12) & 0x3FF;
            long pteAddress = table + vpn * 4L;
            long read = ram.readWord(pteAddress);
            if (read == Bus.FAULT) {
                return Cause.fault(accessFault(access));
            }
            int pte = (int) read;
            if ((pte & Mmu.PTE_V) == 0 || ((pte & Mmu.PTE_R) == 0 && (pte & Mmu.PTE_W) != 0)) {
                return Cause.fault(pageFault(access));
            }
            long ppn = (pte >>> 10) & 0x3F_FFFFL;
            if ((pte & (Mmu.PTE_R | Mmu.PTE_X)) == 0) {
                table = ppn << 12;
                continue;
            }
            if (!permits(pte, access, v.mode, v.sum(), v.mxr())) {
                return Cause.fault(pageFault(access));
            }
            if (level == 1 && (ppn & 0x3FF) != 0) {
                return Cause.fault(pageFault(access));
            }
            int updated = pte | Mmu.PTE_A | (access == Mmu.STORE ? Mmu.PTE_D : 0);
            if (updated != pte) {
                ram.writeWord(pteAddress, updated);
            }
            leaf = updated;
            long pa = level == 1 ? (ppn << 12) | (va & 0x3F_FFFFL) : (ppn << 12) | (va & 0xFFFL);
            return pa > 0xFFFF_FFFFL ? Cause.fault(accessFault(access)) : pa;
        }
        return Cause.fault(pageFault(access));
    }

    /**
     * The R/W/X bits the shadow entry may carry for the last leaf, in the guest's current view: only what the guest's
     * own walk would allow, and W only once the guest's D bit is set (so the first store still comes here to set it).
     */
    int shadowPermissions(Vcpu v) {
        if (v.satp >= 0) {
            return Mmu.PTE_R | Mmu.PTE_W | Mmu.PTE_X;
        }
        int p = 0;
        if (permits(leaf, Mmu.LOAD, v.mode, v.sum(), v.mxr())) {
            p |= Mmu.PTE_R;
        }
        if (permits(leaf, Mmu.STORE, v.mode, v.sum(), v.mxr()) && (leaf & Mmu.PTE_D) != 0) {
            p |= Mmu.PTE_W;
        }
        if (permits(leaf, Mmu.FETCH, v.mode, v.sum(), v.mxr())) {
            p |= Mmu.PTE_X;
        }
        return p;
    }

    static boolean permits(int pte, int access, int mode, boolean sum, boolean mxr) {
        boolean user = (pte & Mmu.PTE_U) != 0;
        if (mode == Privilege.USER && !user) {
            return false;
        }
        if (mode == Privilege.SUPERVISOR && user && (access == Mmu.FETCH || !sum)) {
            return false;
        }
        return switch (access) {
            case Mmu.FETCH -> (pte & Mmu.PTE_X) != 0;
            case Mmu.LOAD -> (pte & Mmu.PTE_R) != 0 || (mxr && (pte & Mmu.PTE_X) != 0);
            default -> (pte & Mmu.PTE_W) != 0;
        };
    }

    static int pageFault(int access) {
        return access == Mmu.FETCH ? Cause.INSTRUCTION_PAGE_FAULT
                : access == Mmu.LOAD ? Cause.LOAD_PAGE_FAULT : Cause.STORE_PAGE_FAULT;
    }

    static int accessFault(int access) {
        return access == Mmu.FETCH ? Cause.INSTRUCTION_ACCESS_FAULT
                : access == Mmu.LOAD ? Cause.LOAD_ACCESS_FAULT : Cause.STORE_ACCESS_FAULT;
    }
}
