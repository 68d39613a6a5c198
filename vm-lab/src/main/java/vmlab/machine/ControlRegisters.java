package vmlab.machine;

/**
 * The Zicsr view of the hart: which CSR numbers exist, who may read or write them, and which bits are writable
 * (the WARL rules). The values themselves live in {@link Hart} fields.
 *
 * <p>{@link #read} answers {@code -1} and {@link #write} answers {@code false} for an access that must raise an
 * illegal-instruction trap: an unknown CSR, too little privilege, a write to a read-only CSR, a counter hidden by
 * {@code mcounteren}/{@code scounteren}, or {@code satp} under {@code mstatus.TVM}.
 */
public final class ControlRegisters {
    public static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SENVCFG = 0x10A,
            SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144, SATP = 0x180;
    public static final int MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303, MIE = 0x304, MTVEC = 0x305,
            MCOUNTEREN = 0x306, MENVCFG = 0x30A, MSTATUSH = 0x310, MENVCFGH = 0x31A, MCOUNTINHIBIT = 0x320,
            MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343, MIP = 0x344;
    /** The H extension: the hypervisor's CSRs (HS-mode), the virtual supervisor's (VS) and two more for M-mode traps. */
    public static final int HSTATUS = 0x600, HEDELEG = 0x602, HIDELEG = 0x603, HIE = 0x604, HTIMEDELTA = 0x605,
            HCOUNTEREN = 0x606, HGEIE = 0x607, HENVCFG = 0x60A, HTIMEDELTAH = 0x615, HENVCFGH = 0x61A, HTVAL = 0x643,
            HIP = 0x644, HVIP = 0x645, HTINST = 0x64A, HGATP = 0x680, HGEIP = 0xE12;
    public static final int VSSTATUS = 0x200, VSIE = 0x204, VSTVEC = 0x205, VSSCRATCH = 0x240, VSEPC = 0x241,
            VSCAUSE = 0x242, VSTVAL = 0x243, VSIP = 0x244, VSATP = 0x280;
    public static final int MTINST = 0x34A, MTVAL2 = 0x34B;
    public static final int MCYCLE = 0xB00, MINSTRET = 0xB02, MCYCLEH = 0xB80, MINSTRETH = 0xB82;
    public static final int CYCLE = 0xC00, TIME = 0xC01, INSTRET = 0xC02, CYCLEH = 0xC80, TIMEH = 0xC81, INSTRETH = 0xC82;
    public static final int PMPCFG0 = 0x3A0, PMPADDR0 = 0x3B0;
    /** Sdtrig: trigger select, its data registers and what types it supports. */
    public static final int TSELECT = 0x7A0, TDATA1 = 0x7A1, TDATA2 = 0x7A2, TDATA3 = 0x7A3, TINFO = 0x7A4;
    public static final int MVENDORID = 0xF11, MARCHID = 0xF12, MIMPID = 0xF13, MHARTID = 0xF14, MCONFIGPTR = 0xF15;

    /** mstatus bits software may change. */
    public static final int MSTATUS_WRITABLE = Hart.MSTATUS_SIE | Hart.MSTATUS_MIE | Hart.MSTATUS_SPIE | Hart.MSTATUS_MPIE
            | Hart.MSTATUS_SPP | Hart.MSTATUS_MPP | Hart.MSTATUS_MPRV | Hart.MSTATUS_SUM | Hart.MSTATUS_MXR
            | Hart.MSTATUS_TVM | Hart.MSTATUS_TW | Hart.MSTATUS_TSR;
    /** The part of mstatus that sstatus shows. */
    public static final int SSTATUS_MASK = Hart.MSTATUS_SIE | Hart.MSTATUS_SPIE | Hart.MSTATUS_SPP | Hart.MSTATUS_SUM
            | Hart.MSTATUS_MXR;
    public static final int MIE_WRITABLE = Hart.SSIP | Hart.MSIP | Hart.STIP | Hart.MTIP | Hart.SEIP | Hart.MEIP
            | Hart.VS_INTERRUPTS;
    /** mip bits software writes (the VS bits are hvip's); MTIP and MSIP come from the CLINT. */
    public static final int MIP_WRITABLE = Hart.SSIP | Hart.STIP | Hart.SEIP | Hart.VS_INTERRUPTS;
    /** mideleg bits that read as one with the H extension: VS-level interrupts always go to HS-mode first. */
    public static final int MIDELEG_FORCED = Hart.VS_INTERRUPTS | Hart.SGEIP;
    public static final int HSTATUS_WRITABLE = Hart.HSTATUS_GVA | Hart.HSTATUS_SPV | Hart.HSTATUS_SPVP | Hart.HSTATUS_HU
            | Hart.HSTATUS_VTVM | Hart.HSTATUS_VTW | Hart.HSTATUS_VTSR;
    /** Exceptions a hypervisor may pass on to its guest: not ecalls from S/VS/M, nor the guest-page faults (its own). */
    public static final int HEDELEG_WRITABLE = 0xB1FF;
    /** All exceptions except ecall from M (11) and reserved 14; with H also ecall from VS (10) and causes 20..23. */
    public static final int MEDELEG_WRITABLE = 0xF0_B7FF;
    public static final int MIDELEG_WRITABLE = Hart.SSIP | Hart.STIP | Hart.SEIP;

    private final Hart hart;
    private final Clint clint;

    public ControlRegisters(Hart hart, Clint clint) {
        this.hart = hart;
        this.clint = clint;
    }

    /** Whether the current privilege may access {@code csr} at all (and write it, if {@code writing}). */
    public boolean permits(int csr, boolean writing) {
        return denial(csr, writing) < 0;
    }

    /**
     * -1 if the current mode may make this access, else the exception it raises: illegal instruction, or, in VS- and
     * VU-mode, virtual instruction for what HS-mode could have done (the hypervisor then emulates it, or refuses).
     */
    public int denial(int csr, boolean writing) {
        int mode = hart.privilege;
        boolean virtual = hart.virt;
        if (writing && (csr >>> 10) == 3) {
            return Cause.ILLEGAL_INSTRUCTION;
        }
        // HS-mode reaches the hypervisor CSRs (level 2); VS-mode is an ordinary level-1 mode.
        int level = mode == Privilege.SUPERVISOR && !virtual ? 2 : mode;
        int required = (csr >>> 8) & 3;
        if (level < required) {
            return virtual && required <= 2 ? Cause.VIRTUAL_INSTRUCTION : Cause.ILLEGAL_INSTRUCTION;
        }
        if (csr == SATP && mode == Privilege.SUPERVISOR) { // mstatus.TVM guards HS-mode's satp, hstatus.VTVM a guest's
            if (!virtual && (hart.mstatus & Hart.MSTATUS_TVM) != 0) {
                return Cause.ILLEGAL_INSTRUCTION;
            }
            if (virtual && (hart.hstatus & Hart.HSTATUS_VTVM) != 0) {
                return Cause.VIRTUAL_INSTRUCTION;
            }
        }
        if ((csr & 0xF60) == 0xC00 && mode != Privilege.MACHINE) { // user counters cycle..hpmcounter31(h)
            int bit = 1 << (csr & 31);
            if ((hart.mcounteren & bit) == 0) {
                return Cause.ILLEGAL_INSTRUCTION;
            }
            if (virtual && (hart.hcounteren & bit) == 0) {
                return Cause.VIRTUAL_INSTRUCTION;
            }
            if (mode == Privilege.USER && (hart.scounteren & bit) == 0) {
                return virtual ? Cause.VIRTUAL_INSTRUCTION : Cause.ILLEGAL_INSTRUCTION;
            }
        }
        return -1;
    }

    /** With V=1 the S-level CSR numbers name the virtual supervisor's registers: a guest kernel never sees HS state. */
    private int virtualized(int csr) {
        if (!hart.virt) {
            return csr;
        }
        return switch (csr) {
            case SSTATUS -> VSSTATUS; case SIE -> VSIE; case STVEC -> VSTVEC; case SSCRATCH -> VSSCRATCH;
            case SEPC -> VSEPC; case SCAUSE -> VSCAUSE; case STVAL -> VSTVAL; case SIP -> VSIP; case SATP -> VSATP;
            default -> csr;
        };
    }

    /** The time a guest sees: the host's plus htimedelta. */
    private long time() {
        return clint.mtime() + (hart.virt ? hart.htimedelta : 0);
    }

    /** The CSR's value zero-extended, or -1 if it does not exist. Privilege is checked by {@link #permits}. */
    public long read(int csr) {
        int value;
        switch (virtualized(csr)) {
            case SSTATUS -> value = hart.mstatus & SSTATUS_MASK;
            case SIE -> value = hart.mie & hart.mideleg;
            case STVEC -> value = hart.stvec;
            case SCOUNTEREN -> value = hart.scounteren;
            case SSCRATCH -> value = hart.sscratch;
            case SEPC -> value = hart.sepc;
            case SCAUSE -> value = hart.scause;
            case STVAL -> value = hart.stval;
            case SIP -> value = hart.mip & hart.mideleg;
            case SATP -> value = hart.satp;
            case MSTATUS -> value = hart.mstatus;
            case MISA -> value = Hart.MISA;
            case MEDELEG -> value = hart.medeleg;
            case MIDELEG -> value = hart.mideleg | MIDELEG_FORCED;
            case MIE -> value = hart.mie;
            case MTVEC -> value = hart.mtvec;
            case MCOUNTEREN -> value = hart.mcounteren;
            case MCOUNTINHIBIT -> value = hart.mcountinhibit;
            case MSCRATCH -> value = hart.mscratch;
            case MEPC -> value = hart.mepc;
            case MCAUSE -> value = hart.mcause;
            case MTVAL -> value = hart.mtval;
            case MIP -> value = hart.mip;
            case MHARTID -> value = hart.mhartid;
            case MCYCLE, CYCLE -> value = (int) hart.mcycle;
            case MCYCLEH, CYCLEH -> value = (int) (hart.mcycle >>> 32);
            case MINSTRET, INSTRET -> value = (int) hart.minstret;
            case MINSTRETH, INSTRETH -> value = (int) (hart.minstret >>> 32);
            case TIME -> value = (int) time();
            case TIMEH -> value = (int) (time() >>> 32);
            case HSTATUS -> value = hart.hstatus;
            case HEDELEG -> value = hart.hedeleg;
            case HIDELEG -> value = hart.hideleg;
            case HIE -> value = hart.mie & (Hart.VS_INTERRUPTS | Hart.SGEIP);
            case HIP -> value = hart.mip & (Hart.VS_INTERRUPTS | Hart.SGEIP);
            case HVIP -> value = hart.mip & Hart.VS_INTERRUPTS;
            case HTIMEDELTA -> value = (int) hart.htimedelta;
            case HTIMEDELTAH -> value = (int) (hart.htimedelta >>> 32);
            case HCOUNTEREN -> value = hart.hcounteren;
            case HTVAL -> value = hart.htval;
            case HTINST -> value = hart.htinst;
            case HGATP -> value = hart.hgatp;
            case HENVCFG, HENVCFGH, HGEIE, HGEIP -> value = 0; // no guest external interrupt files
            case VSSTATUS -> value = hart.vsstatus;
            case VSIE -> value = (hart.mie & hart.hideleg & Hart.VS_INTERRUPTS) >>> 1;
            case VSIP -> value = (hart.mip & hart.hideleg & Hart.VS_INTERRUPTS) >>> 1;
            case VSTVEC -> value = hart.vstvec;
            case VSSCRATCH -> value = hart.vsscratch;
            case VSEPC -> value = hart.vsepc;
            case VSCAUSE -> value = hart.vscause;
            case VSTVAL -> value = hart.vstval;
            case VSATP -> value = hart.vsatp;
            case MTVAL2 -> value = hart.mtval2;
            case MTINST -> value = hart.mtinst;
            case MSTATUSH -> value = hart.mstatush;
            case SENVCFG, MENVCFG, MENVCFGH, MVENDORID, MARCHID, MIMPID, MCONFIGPTR -> value = 0;
            // Sdtrig with no triggers: tselect stays 0, tdata1 reads type 0 ("no trigger here"), tinfo says only type 0.
            case TSELECT, TDATA1, TDATA2, TDATA3 -> value = 0;
            case TINFO -> value = 1;
            default -> {
                if (csr >= PMPCFG0 && csr < PMPCFG0 + Pmp.ENTRIES / 4) {
                    return hart.pmp.readConfig(csr - PMPCFG0) & 0xFFFF_FFFFL;
                }
                if (csr >= PMPADDR0 && csr < PMPADDR0 + Pmp.ENTRIES) {
                    return hart.pmp.readAddress(csr - PMPADDR0) & 0xFFFF_FFFFL;
                }
                if (isHardwiredZero(csr)) {
                    value = 0;
                } else {
                    return -1;
                }
            }
        }
        return value & 0xFFFF_FFFFL;
    }

    /** Read-as-zero CSRs the spec requires to exist: PMP, performance counters and their events. */
    private static boolean isHardwiredZero(int csr) {
        return (csr >= 0x3A0 && csr <= 0x3EF)          // pmpcfg0-15, pmpaddr0-63
                || (csr >= 0x323 && csr <= 0x33F)      // mhpmevent3-31
                || (csr >= 0xB03 && csr <= 0xB1F) || (csr >= 0xB83 && csr <= 0xB9F)  // mhpmcounter3-31(h)
                || (csr >= 0xC03 && csr <= 0xC1F) || (csr >= 0xC83 && csr <= 0xC9F); // hpmcounter3-31(h)
    }

    /** Writes a CSR with its WARL rules; false if it does not exist. Marks the hart for an interrupt re-check. */
    public boolean write(int csr, int value) {
        hart.recheck = true;
        switch (virtualized(csr)) {
            case SSTATUS -> hart.mstatus = (hart.mstatus & ~SSTATUS_MASK) | (value & SSTATUS_MASK);
            case SIE -> hart.mie = (hart.mie & ~hart.mideleg) | (value & hart.mideleg & MIE_WRITABLE);
            case STVEC -> hart.stvec = value & ~2;
            case SCOUNTEREN -> hart.scounteren = value;
            case SSCRATCH -> hart.sscratch = value;
            case SEPC -> hart.sepc = value & ~3;
            case SCAUSE -> hart.scause = value;
            case STVAL -> hart.stval = value;
            case SIP -> hart.writeMip(hart.mideleg & Hart.SSIP, value);
            case SATP -> hart.satp = value;
            case MSTATUS -> {
                int next = (hart.mstatus & ~MSTATUS_WRITABLE) | (value & MSTATUS_WRITABLE);
                if (((next & Hart.MSTATUS_MPP) >>> Hart.MSTATUS_MPP_SHIFT) == 2) { // reserved MPP: keep the old mode
                    next = (next & ~Hart.MSTATUS_MPP) | (hart.mstatus & Hart.MSTATUS_MPP);
                }
                hart.mstatus = next;
            }
            case MEDELEG -> hart.medeleg = value & MEDELEG_WRITABLE;
            case MIDELEG -> hart.mideleg = value & MIDELEG_WRITABLE;
            case MIE -> hart.mie = value & MIE_WRITABLE;
            case MTVEC -> hart.mtvec = value & ~2;
            case MCOUNTEREN -> hart.mcounteren = value;
            case MCOUNTINHIBIT -> { } // counters always count: mcountinhibit is read-only zero (WARL)
            case MSCRATCH -> hart.mscratch = value;
            case MEPC -> hart.mepc = value & ~3;
            case MCAUSE -> hart.mcause = value;
            case MTVAL -> hart.mtval = value;
            case MIP -> hart.writeMip(MIP_WRITABLE, value);
            case MCYCLE -> setCycles((hart.mcycle & 0xFFFF_FFFF_0000_0000L) | (value & 0xFFFF_FFFFL));
            case MCYCLEH -> setCycles((hart.mcycle & 0xFFFF_FFFFL) | (long) value << 32);
            // The CSR instruction that writes minstret does not count itself (the spec: the value written is what the next
            // instruction reads), so store one less than written: retiring adds it back, wrapping all 64 bits.
            case MINSTRET -> hart.minstret = ((hart.minstret & 0xFFFF_FFFF_0000_0000L) | (value & 0xFFFF_FFFFL)) - 1;
            case MINSTRETH -> hart.minstret = ((hart.minstret & 0xFFFF_FFFFL) | (long) value << 32) - 1;
            case HSTATUS -> hart.hstatus = value & HSTATUS_WRITABLE;
            case HEDELEG -> hart.hedeleg = value & HEDELEG_WRITABLE;
            case HIDELEG -> hart.hideleg = value & Hart.VS_INTERRUPTS;
            case HIE -> hart.mie = (hart.mie & ~Hart.VS_INTERRUPTS) | (value & Hart.VS_INTERRUPTS);
            case HIP -> hart.writeMip(Hart.VSSIP, value);
            case HVIP -> hart.writeMip(Hart.VS_INTERRUPTS, value);
            case HTIMEDELTA -> hart.htimedelta = (hart.htimedelta & 0xFFFF_FFFF_0000_0000L) | (value & 0xFFFF_FFFFL);
            case HTIMEDELTAH -> hart.htimedelta = (hart.htimedelta & 0xFFFF_FFFFL) | (long) value << 32;
            case HCOUNTEREN -> hart.hcounteren = value;
            case HTVAL -> hart.htval = value;
            case HTINST -> hart.htinst = value;
            // Sv32x4 or bare, a 7-bit VMID; the 16 KiB root table's PPN has its two low bits zero.
            case HGATP -> hart.hgatp = value & (0x8000_0000 | 0x1FC0_0000 | 0x3F_FFFC);
            case HENVCFG, HENVCFGH, HGEIE -> { } // WARL fields we keep fixed
            case VSSTATUS -> hart.vsstatus = value & SSTATUS_MASK;
            case VSIE -> {
                int writable = hart.hideleg & Hart.VS_INTERRUPTS;
                hart.mie = (hart.mie & ~writable) | ((value << 1) & writable);
            }
            case VSIP -> hart.writeMip(hart.hideleg & Hart.VSSIP, value << 1);
            case VSTVEC -> hart.vstvec = value & ~2;
            case VSSCRATCH -> hart.vsscratch = value;
            case VSEPC -> hart.vsepc = value & ~3;
            case VSCAUSE -> hart.vscause = value;
            case VSTVAL -> hart.vstval = value;
            case VSATP -> hart.vsatp = value;
            case MTVAL2 -> hart.mtval2 = value;
            case MTINST -> hart.mtinst = value;
            case MSTATUSH -> hart.mstatush = value & (Hart.MSTATUSH_GVA | Hart.MSTATUSH_MPV);
            case MISA, SENVCFG, MENVCFG, MENVCFGH -> { } // WARL fields we keep fixed
            case TSELECT, TDATA1, TDATA2, TDATA3, TINFO -> { } // no triggers: nothing to select or configure
            default -> {
                if (csr >= PMPCFG0 && csr < PMPCFG0 + Pmp.ENTRIES / 4) {
                    hart.pmp.writeConfig(csr - PMPCFG0, value);
                    return true;
                }
                if (csr >= PMPADDR0 && csr < PMPADDR0 + Pmp.ENTRIES) {
                    hart.pmp.writeAddress(csr - PMPADDR0, value);
                    return true;
                }
                return isHardwiredZero(csr);
            }
        }
        return true;
    }

    /** mtime is derived from mcycle, so rewriting the cycle counter must not move time. */
    private void setCycles(long cycles) {
        long time = clint.mtime();
        hart.mcycle = cycles;
        clint.timeOffset = time - cycles;
    }

    /** A name for displays: "mstatus", "0x7c0" for unknown numbers. */
    public static String name(int csr) {
        return switch (csr) {
            case SSTATUS -> "sstatus"; case SIE -> "sie"; case STVEC -> "stvec"; case SCOUNTEREN -> "scounteren";
            case SSCRATCH -> "sscratch"; case SEPC -> "sepc"; case SCAUSE -> "scause"; case STVAL -> "stval";
            case SIP -> "sip"; case SATP -> "satp"; case MSTATUS -> "mstatus"; case MISA -> "misa";
            case MEDELEG -> "medeleg"; case MIDELEG -> "mideleg"; case MIE -> "mie"; case MTVEC -> "mtvec";
            case MCOUNTEREN -> "mcounteren"; case MSCRATCH -> "mscratch"; case MEPC -> "mepc"; case MCAUSE -> "mcause";
            case MTVAL -> "mtval"; case MIP -> "mip"; case MHARTID -> "mhartid"; case MCYCLE -> "mcycle";
            case MINSTRET -> "minstret"; case CYCLE -> "cycle"; case TIME -> "time"; case INSTRET -> "instret";
            case HSTATUS -> "hstatus"; case HEDELEG -> "hedeleg"; case HIDELEG -> "hideleg"; case HVIP -> "hvip";
            case HGATP -> "hgatp"; case HTVAL -> "htval"; case HTINST -> "htinst"; case VSSTATUS -> "vsstatus";
            case VSATP -> "vsatp"; case VSTVEC -> "vstvec"; case VSEPC -> "vsepc"; case VSCAUSE -> "vscause";
            case MTVAL2 -> "mtval2"; case MTINST -> "mtinst";
            default -> String.format("0x%03x", csr);
        };
    }
}
