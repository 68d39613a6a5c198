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
    public static final int MIE_WRITABLE = Hart.SSIP | Hart.MSIP | Hart.STIP | Hart.MTIP | Hart.SEIP | Hart.MEIP;
    /** mip bits software writes; MTIP and MSIP come from the CLINT. */
    public static final int MIP_WRITABLE = Hart.SSIP | Hart.STIP | Hart.SEIP;
    public static final int MEDELEG_WRITABLE = 0xB3FF; // all exceptions except ecall from M (11) and reserved 10 and 14
    public static final int MIDELEG_WRITABLE = Hart.SSIP | Hart.STIP | Hart.SEIP;

    private final Hart hart;
    private final Clint clint;

    public ControlRegisters(Hart hart, Clint clint) {
        this.hart = hart;
        this.clint = clint;
    }

    /** Whether the current privilege may access {@code csr} at all (and write it, if {@code writing}). */
    public boolean permits(int csr, boolean writing) {
        int mode = hart.privilege;
        if (mode < ((csr >>> 8) & 3) || (writing && (csr >>> 10) == 3)) {
            return false;
        }
        if (csr == SATP && mode == Privilege.SUPERVISOR && (hart.mstatus & Hart.MSTATUS_TVM) != 0) {
            return false;
        }
        if ((csr & 0xF60) == 0xC00 && mode != Privilege.MACHINE) { // user counters cycle..hpmcounter31(h)
            int bit = 1 << (csr & 31);
            return (hart.mcounteren & bit) != 0 && (mode == Privilege.SUPERVISOR || (hart.scounteren & bit) != 0);
        }
        return true;
    }

    /** The CSR's value zero-extended, or -1 if it does not exist. Privilege is checked by {@link #permits}. */
    public long read(int csr) {
        int value;
        switch (csr) {
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
            case MIDELEG -> value = hart.mideleg;
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
            case TIME -> value = (int) clint.mtime();
            case TIMEH -> value = (int) (clint.mtime() >>> 32);
            case SENVCFG, MENVCFG, MENVCFGH, MSTATUSH, MVENDORID, MARCHID, MIMPID, MCONFIGPTR -> value = 0;
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
        switch (csr) {
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
            case MISA, SENVCFG, MENVCFG, MENVCFGH, MSTATUSH -> { } // WARL fields we keep fixed
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
            default -> String.format("0x%03x", csr);
        };
    }
}
