package vmlab.hypervisor;

import vmlab.machine.Cause;
import vmlab.machine.Hart;
import vmlab.machine.Privilege;

/**
 * A virtual CPU: what the guest believes its hart is. The guest kernel runs in real U-mode, so the hardware's own
 * supervisor CSRs are never the guest's; these fields are. While the vCPU is on the real hart, its integer registers
 * and pc live in the hart; while it is off, they are saved here.
 */
public final class Vcpu {
    /** sstatus bits a guest can see and change. */
    public static final int SSTATUS_MASK = Hart.MSTATUS_SIE | Hart.MSTATUS_SPIE | Hart.MSTATUS_SPP | Hart.MSTATUS_SUM
            | Hart.MSTATUS_MXR;
    /** The interrupts a supervisor can have: software, timer, external. */
    public static final int SUPERVISOR_INTERRUPTS = Hart.SSIP | Hart.STIP | Hart.SEIP;

    final int[] x = new int[32];
    int pc;
    /** The guest's privilege: {@link Privilege#SUPERVISOR} or {@link Privilege#USER}. */
    int mode = Privilege.SUPERVISOR;
    int sstatus, stvec, sepc, scause, stval, sscratch, satp, scounteren;
    int sie, sip;
    /** When the guest's SBI timer fires, in host time units; all ones = never. */
    long timerDeadline = -1L;
    /** In {@code wfi}, waiting for an interrupt. */
    boolean waiting;

    public int mode() {
        return mode;
    }

    public int pc() {
        return pc;
    }

    public int satp() {
        return satp;
    }

    public int sie() {
        return sie;
    }

    public int sip() {
        return sip;
    }

    public boolean waiting() {
        return waiting;
    }

    public int sstatus() {
        return sstatus;
    }

    /** True if the guest's supervisor-user-memory bit lets its kernel touch user pages. */
    boolean sum() {
        return (sstatus & Hart.MSTATUS_SUM) != 0;
    }

    boolean mxr() {
        return (sstatus & Hart.MSTATUS_MXR) != 0;
    }

    /** The interrupt the guest takes now (as a cause), or 0: pending, enabled in sie, and SIE set or the guest in U. */
    int deliverableInterrupt() {
        int pending = sip & sie;
        if (pending == 0 || (mode == Privilege.SUPERVISOR && (sstatus & Hart.MSTATUS_SIE) == 0)) {
            return 0;
        }
        for (int code : new int[] {9, 1, 5}) { // SEI, SSI, STI: the spec's order
            if ((pending & (1 << code)) != 0) {
                return Cause.INTERRUPT | code;
            }
        }
        return 0;
    }

    /**
     * Takes a trap into the guest kernel, as the hardware would have: sepc, scause, stval, SPP and SPIE saved, SIE
     * cleared, the guest in S-mode at its trap vector.
     */
    void trapIntoGuest(int cause, int tval, int trappingPc) {
        sepc = trappingPc;
        scause = cause;
        stval = tval;
        int s = sstatus;
        s = (s & Hart.MSTATUS_SIE) != 0 ? s | Hart.MSTATUS_SPIE : s & ~Hart.MSTATUS_SPIE;
        s &= ~Hart.MSTATUS_SIE;
        s = mode == Privilege.SUPERVISOR ? s | Hart.MSTATUS_SPP : s & ~Hart.MSTATUS_SPP;
        sstatus = s;
        mode = Privilege.SUPERVISOR;
        int base = stvec & ~3;
        pc = (stvec & 1) != 0 && Cause.isInterrupt(cause) ? base + 4 * (cause & 31) : base;
    }

    /** sret: back to SPP with SIE restored from SPIE. */
    void sret() {
        int s = sstatus;
        mode = (s & Hart.MSTATUS_SPP) != 0 ? Privilege.SUPERVISOR : Privilege.USER;
        s = (s & Hart.MSTATUS_SPIE) != 0 ? s | Hart.MSTATUS_SIE : s & ~Hart.MSTATUS_SIE;
        s |= Hart.MSTATUS_SPIE;
        s &= ~Hart.MSTATUS_SPP;
        sstatus = s;
        pc = sepc;
    }
}
