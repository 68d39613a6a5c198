package vmlab.engine;

import vmlab.machine.Bus;
import vmlab.machine.Cause;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;
import vmlab.machine.Tracer;

/**
 * The reference interpreter: fetch, decode with one {@code switch}, execute, repeat. Each instruction's meaning sits on one
 * or two lines next to its encoding, so a student looking for "what does SRA do" finds one line. It is the yardstick the
 * fast engines are checked against, so it favours being obviously right over being fast.
 *
 * <p>Traps are values: an instruction that faults sets {@code trap} and {@code tval}, and the end of {@link #execute} hands
 * them to {@link Machine#raise}, the one place where traps are taken. Nothing here throws.
 */
public final class ReferenceInterpreter implements Engine {
    /** How many instructions run between looks at interrupts, {@code tohost} and the host thread's interrupt flag. */
    static final int CHECK_INTERVAL = 4096;
    private static final Runnable NOTHING = () -> { };

    @Override
    public String name() {
        return "reference interpreter";
    }

    @Override
    public Stop run(Machine machine, long maxInstructions) {
        Hart hart = machine.hart;
        long done = 0;
        boolean atStart = true;
        while (true) {
            Stop stop = CheckPoint.pass(machine, done, maxInstructions, NOTHING);
            if (stop != null) {
                return stop;
            }
            long timer = machine.cyclesUntilNextEvent();
            long slice = Math.min(maxInstructions - done, timer > 0 ? Math.min(timer, CHECK_INTERVAL) : CHECK_INTERVAL);
            boolean watchBreakpoints = !machine.breakpoints().isEmpty();
            for (long i = 0; i < slice; i++) {
                if (watchBreakpoints && !atStart && machine.isBreakpoint(hart.pc)) {
                    return Stop.BREAKPOINT;
                }
                atStart = false;
                done++;
                if (!execute(machine, hart)) {
                    machine.pollHtif();
                    return machine.exited() ? Stop.EXITED : Stop.WAITING_FOREVER;
                }
                if (hart.recheck) {
                    break;
                }
            }
        }
    }

    // Immediates, as the base ISA's figure 2.4 lays them out (sign bit always insn[31]).
    static int immI(int insn) {
        return insn >> 20;
    }

    static int immS(int insn) {
        return (insn >> 25) << 5 | (insn >>> 7) & 0x1F;
    }

    static int immB(int insn) {
        return (insn >> 31) << 12 | ((insn >>> 7) & 1) << 11 | ((insn >>> 25) & 0x3F) << 5 | ((insn >>> 8) & 0xF) << 1;
    }

    static int immJ(int insn) {
        return (insn >> 31) << 20 | ((insn >>> 12) & 0xFF) << 12 | ((insn >>> 20) & 1) << 11 | ((insn >>> 21) & 0x3FF) << 1;
    }

    /**
     * Executes the instruction at {@code hart.pc}. Returns false only for a WFI that can never be woken (the hart stays
     * after the WFI, so a later run continues from there).
     */
    static boolean execute(Machine machine, Hart hart) {
        final int pc = hart.pc;
        hart.mcycle++;
        long fetched = machine.mmu.fetch(pc);
        if (fetched < 0) {
            machine.raise(Cause.of(fetched), pc);
            return true;
        }
        final int insn = (int) fetched;
        final int[] x = hart.x;
        final int rd = (insn >>> 7) & 0x1F;
        final int rs1 = x[(insn >>> 15) & 0x1F];
        final int rs2 = x[(insn >>> 20) & 0x1F];
        final int funct3 = (insn >>> 12) & 7;
        final int funct7 = insn >>> 25;
        final Mmu mmu = machine.mmu;

        int next = pc + 4;   // where execution continues
        int dest = 0;        // the register written; 0 = none
        int value = 0;       // what is written to dest
        int trap = -1;       // the exception raised, or -1
        int tval = 0;
        boolean sleeps = false;

        switch (insn & 0x7F) {
            case 0b0110111 -> { dest = rd; value = insn & 0xFFFF_F000; }                         // LUI
            case 0b0010111 -> { dest = rd; value = pc + (insn & 0xFFFF_F000); }                  // AUIPC
            case 0b1101111 -> { dest = rd; value = pc + 4; next = pc + immJ(insn); }             // JAL
            case 0b1100111 -> {                                                                   // JALR
                if (funct3 != 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                dest = rd; value = pc + 4; next = (rs1 + immI(insn)) & ~1;
            }
            case 0b1100011 -> {                                                                   // branches
                boolean taken;
                switch (funct3) {
                    case 0 -> taken = rs1 == rs2;                                                 // BEQ
                    case 1 -> taken = rs1 != rs2;                                                 // BNE
                    case 4 -> taken = rs1 < rs2;                                                  // BLT
                    case 5 -> taken = rs1 >= rs2;                                                 // BGE
                    case 6 -> taken = Integer.compareUnsigned(rs1, rs2) < 0;                      // BLTU
                    case 7 -> taken = Integer.compareUnsigned(rs1, rs2) >= 0;                     // BGEU
                    default -> { taken = false; trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; }
                }
                if (taken) {
                    next = pc + immB(insn);
                }
            }
            case 0b0000011 -> {                                                                   // loads
                int address = rs1 + immI(insn);
                int size = switch (funct3) { case 0, 4 -> 1; case 1, 5 -> 2; case 2 -> 4; default -> 0; };
                if (size == 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                long loaded = mmu.load(address, size);
                if (loaded < 0) { trap = Cause.of(loaded); tval = address; break; }
                dest = rd;
                value = switch (funct3) {
                    case 0 -> (byte) loaded;                                                      // LB
                    case 1 -> (short) loaded;                                                     // LH
                    default -> (int) loaded;                                                      // LW, LBU, LHU
                };
            }
            case 0b0100011 -> {                                                                   // stores
                int address = rs1 + immS(insn);
                int size = switch (funct3) { case 0 -> 1; case 1 -> 2; case 2 -> 4; default -> 0; }; // SB SH SW
                if (size == 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                long stored = mmu.store(address, size, rs2);
                if (stored < 0) { trap = Cause.of(stored); tval = address; }
            }
            case 0b0010011 -> {                                                                   // OP-IMM
                int imm = immI(insn);
                dest = rd;
                switch (funct3) {
                    case 0 -> value = rs1 + imm;                                                  // ADDI
                    case 2 -> value = rs1 < imm ? 1 : 0;                                          // SLTI
                    case 3 -> value = Integer.compareUnsigned(rs1, imm) < 0 ? 1 : 0;              // SLTIU
                    case 4 -> value = rs1 ^ imm;                                                  // XORI
                    case 6 -> value = rs1 | imm;                                                  // ORI
                    case 7 -> value = rs1 & imm;                                                  // ANDI
                    case 1 -> {                                                                   // SLLI
                        if (funct7 != 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; }
                        value = rs1 << imm;
                    }
                    default -> {                                                                  // SRLI, SRAI
                        if (funct7 == 0) value = rs1 >>> imm;
                        else if (funct7 == 0x20) value = rs1 >> imm;
                        else { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; }
                    }
                }
            }
            case 0b0110011 -> {                                                                   // OP
                dest = rd;
                switch (funct7 << 3 | funct3) {
                    case 0x000 -> value = rs1 + rs2;                                              // ADD
                    case 0x100 -> value = rs1 - rs2;                                              // SUB
                    case 0x001 -> value = rs1 << rs2;                                             // SLL (Java masks to 5 bits)
                    case 0x002 -> value = rs1 < rs2 ? 1 : 0;                                      // SLT
                    case 0x003 -> value = Integer.compareUnsigned(rs1, rs2) < 0 ? 1 : 0;          // SLTU
                    case 0x004 -> value = rs1 ^ rs2;                                              // XOR
                    case 0x005 -> value = rs1 >>> rs2;                                            // SRL
                    case 0x105 -> value = rs1 >> rs2;                                             // SRA
                    case 0x006 -> value = rs1 | rs2;                                              // OR
                    case 0x007 -> value = rs1 & rs2;                                              // AND
                    case 0x008 -> value = rs1 * rs2;                                              // MUL
                    case 0x009 -> value = (int) (((long) rs1 * rs2) >> 32);                       // MULH
                    case 0x00A -> value = (int) (((long) rs1 * (rs2 & 0xFFFF_FFFFL)) >> 32);       // MULHSU
                    case 0x00B -> value = (int) (((rs1 & 0xFFFF_FFFFL) * (rs2 & 0xFFFF_FFFFL)) >>> 32); // MULHU
                    case 0x00C -> value = rs2 == 0 ? -1 : rs1 / rs2;                              // DIV (MIN/-1 = MIN in Java too)
                    case 0x00D -> value = rs2 == 0 ? -1 : Integer.divideUnsigned(rs1, rs2);       // DIVU
                    case 0x00E -> value = rs2 == 0 ? rs1 : rs1 % rs2;                             // REM (MIN%-1 = 0)
                    case 0x00F -> value = rs2 == 0 ? rs1 : Integer.remainderUnsigned(rs1, rs2);   // REMU
                    default -> { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; }
                }
            }
            case 0b0001111 -> {                                                                   // MISC-MEM
                // FENCE orders memory, FENCE.I makes stores visible to fetches: one in-order hart needs neither.
                if (funct3 > 1) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; }
            }
            case 0b0101111 -> {                                                                   // A extension
                if (funct3 != 2) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                int funct5 = insn >>> 27;
                int address = rs1;
                if (funct5 == 0b00010) {                                                          // LR.W
                    if (((insn >>> 20) & 0x1F) != 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                    if ((address & 3) != 0) { trap = Cause.LOAD_MISALIGNED; tval = address; break; }
                    long loaded = mmu.load(address, 4);
                    if (loaded < 0) { trap = Cause.of(loaded); tval = address; break; }
                    dest = rd; value = (int) loaded;
                    hart.reservation = address; hart.reservationValid = true;
                    break;
                }
                if ((address & 3) != 0) { trap = Cause.STORE_MISALIGNED; tval = address; break; }
                if (funct5 == 0b00011) {                                                          // SC.W
                    boolean reserved = hart.reservationValid && hart.reservation == address;
                    hart.reservationValid = false;
                    dest = rd; value = 1;
                    if (reserved) {
                        long stored = mmu.store(address, 4, rs2);
                        if (stored < 0) { trap = Cause.of(stored); tval = address; break; }
                        value = 0;
                    }
                    break;
                }
                long physical = mmu.translateData(address, Mmu.STORE);
                if (physical < 0) { trap = Cause.of(physical); tval = address; break; }
                long read = machine.bus.read((int) physical, 4);
                if (read == Bus.FAULT) { trap = Cause.STORE_ACCESS_FAULT; tval = address; break; }
                int old = (int) read;
                int result;
                switch (funct5) {
                    case 0b00001 -> result = rs2;                                                 // AMOSWAP.W
                    case 0b00000 -> result = old + rs2;                                           // AMOADD.W
                    case 0b00100 -> result = old ^ rs2;                                           // AMOXOR.W
                    case 0b01100 -> result = old & rs2;                                           // AMOAND.W
                    case 0b01000 -> result = old | rs2;                                           // AMOOR.W
                    case 0b10000 -> result = Math.min(old, rs2);                                  // AMOMIN.W
                    case 0b10100 -> result = Math.max(old, rs2);                                  // AMOMAX.W
                    case 0b11000 -> result = Integer.compareUnsigned(old, rs2) <= 0 ? old : rs2;  // AMOMINU.W
                    case 0b11100 -> result = Integer.compareUnsigned(old, rs2) >= 0 ? old : rs2;  // AMOMAXU.W
                    default -> { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; result = 0; }
                }
                if (trap >= 0) break;
                if (!machine.bus.write((int) physical, 4, result)) { trap = Cause.STORE_ACCESS_FAULT; tval = address; break; }
                dest = rd; value = old;
            }
            case 0b1110011 -> {                                                                   // SYSTEM
                int mode = hart.privilege;
                boolean virtual = hart.virt;
                if (funct3 == 0) {
                    // Privileged instructions. Each allowed() says which exception a mode that may not run it gets:
                    // illegal instruction, or (VS/VU doing what HS could do) virtual instruction.
                    int denied = -1;
                    if (insn == 0x0000_0073) {                                                    // ECALL
                        trap = mode == Privilege.USER ? Cause.ECALL_FROM_U : mode == Privilege.MACHINE
                                ? Cause.ECALL_FROM_M : virtual ? Cause.ECALL_FROM_VS : Cause.ECALL_FROM_S;
                    } else if (insn == 0x0010_0073) {                                             // EBREAK
                        trap = Cause.BREAKPOINT; tval = pc;
                    } else if (insn == 0x3020_0073) {                                             // MRET
                        if (mode == Privilege.MACHINE) { machine.mret(); next = hart.pc; }
                        else denied = Cause.ILLEGAL_INSTRUCTION;
                    } else if (insn == 0x1020_0073) {                                             // SRET (TSR, VTSR)
                        denied = allowed(hart, Hart.MSTATUS_TSR, Hart.HSTATUS_VTSR, false);
                        if (denied < 0) { machine.sret(); next = hart.pc; }
                    } else if (insn == 0x1050_0073) {                                             // WFI (TW, VTW)
                        denied = allowed(hart, Hart.MSTATUS_TW, Hart.HSTATUS_VTW, false);
                        sleeps = denied < 0;
                    } else if ((insn & 0xFE00_7FFF) == 0x1200_0073) {                             // SFENCE.VMA (TVM, VTVM)
                        denied = allowed(hart, Hart.MSTATUS_TVM, Hart.HSTATUS_VTVM, false);
                        if (denied < 0) { machine.mmu.flush(); hart.recheck = true; } // cached translations are stale now
                    } else if ((insn & 0xFE00_7FFF) == 0x2200_0073) {                             // HFENCE.VVMA
                        denied = allowed(hart, 0, 0, true);
                        if (denied < 0) { machine.mmu.flush(); hart.recheck = true; }
                    } else if ((insn & 0xFE00_7FFF) == 0x6200_0073) {                             // HFENCE.GVMA (TVM)
                        denied = allowed(hart, Hart.MSTATUS_TVM, 0, true);
                        if (denied < 0) { machine.mmu.flush(); hart.recheck = true; }
                    } else {
                        denied = Cause.ILLEGAL_INSTRUCTION;
                    }
                    if (denied >= 0) { trap = denied; tval = insn; }
                    break;
                }
                if (funct3 == 4) {                                                                // HLV, HLVX, HSV
                    int kind = funct7 << 5 | (insn >>> 20) & 0x1F;
                    int size = switch (kind) {
                        case 0x600, 0x601 -> 1;                                                   // HLV.B, HLV.BU
                        case 0x640, 0x641, 0x643 -> 2;                                            // HLV.H, HLV.HU, HLVX.HU
                        case 0x680, 0x683 -> 4;                                                   // HLV.W, HLVX.WU
                        default -> switch (funct7) { case 0x31 -> 1; case 0x33 -> 2; case 0x35 -> 4; default -> 0; };
                    };
                    boolean storing = (funct7 & 1) != 0;                                          // HSV.B, HSV.H, HSV.W
                    if (size == 0 || storing && rd != 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                    boolean userMay = mode == Privilege.USER && !virtual && (hart.hstatus & Hart.HSTATUS_HU) != 0;
                    if (virtual) { trap = Cause.VIRTUAL_INSTRUCTION; tval = insn; break; }
                    if (mode == Privilege.USER && !userMay) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                    // As if in the guest: V=1 at the privilege hstatus.SPVP names.
                    int guestMode = (hart.hstatus & Hart.HSTATUS_SPVP) != 0 ? Privilege.SUPERVISOR : Privilege.USER;
                    if (storing) {
                        long stored = mmu.guestStore(rs1, size, rs2, guestMode);
                        if (stored < 0) { machine.raise(Cause.of(stored), rs1, true); return true; }
                        break;
                    }
                    long loaded = mmu.guestLoad(rs1, size, guestMode, (kind & 3) == 3);
                    if (loaded < 0) { machine.raise(Cause.of(loaded), rs1, true); return true; }
                    dest = rd;
                    value = kind == 0x600 ? (byte) loaded : kind == 0x640 ? (short) loaded : (int) loaded;
                    break;
                }
                // Zicsr: CSRRW CSRRS CSRRC (register operand) and CSRRWI CSRRSI CSRRCI (5-bit immediate operand)
                int csr = insn >>> 20;
                int field = (insn >>> 15) & 0x1F;
                int operand = funct3 >= 5 ? field : rs1;
                boolean writes = (funct3 & 3) == 1 || field != 0;
                long old = machine.csrs.read(csr);
                if (old < 0) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                int denied = machine.csrs.denial(csr, writes);
                if (denied >= 0) { trap = denied; tval = insn; break; }
                int updated = switch (funct3 & 3) {
                    case 1 -> operand;                                                            // CSRRW
                    case 2 -> (int) old | operand;                                                // CSRRS
                    default -> (int) old & ~operand;                                              // CSRRC
                };
                if (writes && !machine.csrs.write(csr, updated)) { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; break; }
                dest = rd; value = (int) old;
            }
            default -> { trap = Cause.ILLEGAL_INSTRUCTION; tval = insn; }
        }

        if (trap < 0 && (next & 3) != 0) { // no compressed instructions: targets must be 4-byte aligned
            trap = Cause.INSTRUCTION_MISALIGNED; tval = next;
        }
        if (trap >= 0) {
            machine.raise(trap, tval);
            return true;
        }
        if (dest != 0) {
            x[dest] = value;
        }
        hart.pc = next;
        hart.minstret++;
        Tracer tracer = machine.tracer();
        if (tracer != null) {
            tracer.retired(pc, insn, dest == 0 ? -1 : dest, value);
        }
        return !sleeps || waitForInterrupt(machine);
    }

    /**
     * Who may run a supervisor instruction (SRET, WFI, SFENCE.VMA, the hypervisor's HFENCE): -1 if the current mode may,
     * else the exception. M-mode always may; HS-mode unless the mstatus bit {@code machineTrap} (TSR, TW, TVM) is set;
     * U-mode never. In a guest (V=1) the hypervisor-only ones and everything in VU-mode are virtual-instruction
     * exceptions, the hypervisor's to emulate; VS-mode runs the rest unless hstatus's {@code guestTrap} (VTSR, VTW, VTVM)
     * says to exit. Of mstatus's bits only TW reaches into a guest (the spec: TSR and TVM act in HS-mode only).
     */
    private static int allowed(Hart hart, int machineTrap, int guestTrap, boolean hypervisorOnly) {
        int mode = hart.privilege;
        if (mode == Privilege.MACHINE) {
            return -1;
        }
        boolean trappedByMachine = (hart.mstatus & machineTrap) != 0;
        if (!hart.virt) {
            return mode == Privilege.SUPERVISOR && !trappedByMachine ? -1 : Cause.ILLEGAL_INSTRUCTION;
        }
        if (hypervisorOnly) {
            return Cause.VIRTUAL_INSTRUCTION;
        }
        if (machineTrap == Hart.MSTATUS_TW && trappedByMachine) {
            return Cause.ILLEGAL_INSTRUCTION;
        }
        return mode == Privilege.USER || (hart.hstatus & guestTrap) != 0 ? Cause.VIRTUAL_INSTRUCTION : -1;
    }

    /**
     * WFI: if nothing is pending, skip time forward to the timer or the next device event (nothing else happens on a
     * sleeping one-hart machine). False if no enabled interrupt could ever wake the hart.
     */
    private static boolean waitForInterrupt(Machine machine) {
        machine.hart.recheck = true;
        return machine.interruptWaiting() || machine.sleepUntilNextEvent();
    }
}
