package vmlab.hypervisor;

import vmlab.machine.Bus;
import vmlab.machine.Cause;
import vmlab.machine.ControlRegisters;
import vmlab.machine.Device;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;

/**
 * Classic virtualization, as Popek and Goldberg describe it: the guest kernel runs in real U-mode, so every sensitive
 * instruction it executes is privileged and traps, and the monitor emulates it on the {@link Vcpu}:
 * <ul>
 *   <li>CSR instructions on supervisor CSRs, {@code sret}, {@code wfi} and {@code sfence.vma} arrive as illegal
 *       instructions (the trapped instruction is in tval) and are played on the vCPU;</li>
 *   <li>an {@code ecall} from the guest kernel is an SBI call; from the guest's user, a system call passed on to the
 *       guest kernel's trap vector;</li>
 *   <li>page faults fill the {@link ShadowPageTables}, or are the guest's own faults (passed on), or touch a device
 *       (the load or store is decoded and run on the virtual device).</li>
 * </ul>
 * Whatever the guest's own hardware would have trapped to its kernel is passed on to its {@code stvec}, with the same
 * cause and tval: the guest cannot tell.
 */
public final class TrapAndEmulate implements GuestExecution {
    public static final int SRET = 0x1020_0073, WFI = 0x1050_0073;
    private final CsrUpdate csrUpdate;

    public TrapAndEmulate() {
        this(CsrUpdate.STANDARD);
    }

    /** Trap-and-emulate whose CSR instructions compute the CSR's new value with {@code csrUpdate} (lesson 05). */
    public TrapAndEmulate(CsrUpdate csrUpdate) {
        this.csrUpdate = java.util.Objects.requireNonNull(csrUpdate, "csrUpdate");
    }

    @Override
    public String name() {
        return csrUpdate == CsrUpdate.STANDARD ? "trap-and-emulate" : "trap-and-emulate (own CSR rule)";
    }

    @Override
    public void enter(GuestVm vm) {
        Hart hart = vm.machine().hart;
        Vcpu v = vm.vcpu;
        hart.pc = v.pc;
        hart.privilege = Privilege.USER;
        int view = ShadowPageTables.view(v.mode == Privilege.SUPERVISOR, v.sum(), v.mxr());
        int satp = vm.shadow.satp(view);
        if (satp == 0) {
            vm.flushShadow();
            vm.shadow.poolExhausted();
            satp = vm.shadow.satp(view);
        }
        hart.satp = satp;
        hart.mstatus &= ~(Hart.MSTATUS_MPRV | Hart.MSTATUS_MXR | Hart.MSTATUS_SUM);
        hart.mcounteren = 7;
        // The guest kernel may read the counters; its user only those the guest kernel allows it.
        hart.scounteren = v.mode == Privilege.SUPERVISOR ? 7 : v.scounteren;
        hart.recheck = true;
    }

    @Override
    public void exit(GuestVm vm, int cause, int tval) {
        Machine m = vm.machine();
        Vcpu v = vm.vcpu;
        v.pc = m.hart.pc;
        switch (cause) {
            case Cause.ILLEGAL_INSTRUCTION -> {
                if (v.mode == Privilege.SUPERVISOR) {
                    privileged(vm, tval);
                } else {
                    passOn(vm, ExitReason.GUEST_FAULT, cause, tval);
                }
            }
            case Cause.ECALL_FROM_U -> {
                if (v.mode == Privilege.SUPERVISOR) {
                    vm.count(ExitReason.SBI);
                    v.pc += 4;
                    SbiService.call(m.hart.x, vm);
                    vm.progressed();
                } else {
                    passOn(vm, ExitReason.GUEST_SYSCALL, Cause.ECALL_FROM_U, 0);
                }
            }
            case Cause.INSTRUCTION_PAGE_FAULT -> pageFault(vm, Mmu.FETCH, tval);
            case Cause.LOAD_PAGE_FAULT -> pageFault(vm, Mmu.LOAD, tval);
            case Cause.STORE_PAGE_FAULT -> pageFault(vm, Mmu.STORE, tval);
            default -> passOn(vm, ExitReason.GUEST_FAULT, cause, tval);
        }
    }

    /** Passes a trap on to the guest kernel, as its hardware would have delivered it. */
    private static void passOn(GuestVm vm, ExitReason reason, int cause, int tval) {
        vm.count(reason);
        vm.vcpu.trapIntoGuest(cause, tval, vm.vcpu.pc);
    }

    // ---- privileged instructions ------------------------------------------------------------------------------

    private void privileged(GuestVm vm, int insn) {
        Vcpu v = vm.vcpu;
        int funct3 = (insn >>> 12) & 7;
        if ((insn & 0x7F) != 0x73 || funct3 == 4) {
            passOn(vm, ExitReason.GUEST_FAULT, Cause.ILLEGAL_INSTRUCTION, insn); // garbage: the guest's own problem
            return;
        }
        if (funct3 == 0) {
            if (insn == SRET) {
                vm.count(ExitReason.SRET);
                v.sret();
            } else if (insn == WFI) {
                vm.count(ExitReason.WFI);
                v.pc += 4;
                v.waiting = (v.sip & v.sie) == 0;
            } else if ((insn & 0xFE00_7FFF) == 0x1200_0073) {
                vm.count(ExitReason.SFENCE);
                v.pc += 4;
                vm.flushShadow();
            } else {
                passOn(vm, ExitReason.GUEST_FAULT, Cause.ILLEGAL_INSTRUCTION, insn); // mret, hfence...: not for S
                return;
            }
            vm.progressed();
            return;
        }
        int csr = insn >>> 20, rd = (insn >>> 7) & 0x1F, field = (insn >>> 15) & 0x1F;
        int[] x = vm.machine().hart.x;
        int operand = funct3 >= 5 ? field : x[field];
        boolean writes = (funct3 & 3) == 1 || field != 0;
        long old = readCsr(vm, csr);
        if (old < 0) {
            passOn(vm, ExitReason.GUEST_FAULT, Cause.ILLEGAL_INSTRUCTION, insn);
            return;
        }
        int updated = csrUpdate.newValue(funct3, (int) old, operand);
        if (writes && !writeCsr(vm, csr, updated)) {
            passOn(vm, ExitReason.GUEST_FAULT, Cause.ILLEGAL_INSTRUCTION, insn);
            return;
        }
        if (rd != 0) {
            x[rd] = (int) old;
        }
        vm.count(ExitReason.CSR);
        v.pc += 4;
        vm.progressed();
    }

    /** A supervisor CSR as the guest kernel sees it, zero-extended; -1 for anything S-mode may not touch. */
    static long readCsr(GuestVm vm, int csr) {
        Vcpu v = vm.vcpu;
        int value;
        switch (csr) {
            case ControlRegisters.SSTATUS -> value = v.sstatus & Vcpu.SSTATUS_MASK;
            case ControlRegisters.SIE -> value = v.sie;
            case ControlRegisters.STVEC -> value = v.stvec;
            case ControlRegisters.SCOUNTEREN -> value = v.scounteren;
            case ControlRegisters.SENVCFG -> value = 0;
            case ControlRegisters.SSCRATCH -> value = v.sscratch;
            case ControlRegisters.SEPC -> value = v.sepc;
            case ControlRegisters.SCAUSE -> value = v.scause;
            case ControlRegisters.STVAL -> value = v.stval;
            case ControlRegisters.SIP -> value = v.sip;
            case ControlRegisters.SATP -> value = v.satp;
            case ControlRegisters.CYCLE, ControlRegisters.TIME, ControlRegisters.INSTRET, ControlRegisters.CYCLEH,
                    ControlRegisters.TIMEH, ControlRegisters.INSTRETH -> {
                return vm.machine().csrs.read(csr); // readable in U-mode anyway; here only if a counter trapped
            }
            default -> {
                return -1; // machine-level, hypervisor-level or unknown: the guest kernel gets an illegal instruction
            }
        }
        return value & 0xFFFF_FFFFL;
    }

    /** Writes a supervisor CSR with the hardware's WARL rules; false if it cannot be written (the guest then traps). */
    static boolean writeCsr(GuestVm vm, int csr, int value) {
        Vcpu v = vm.vcpu;
        switch (csr) {
            case ControlRegisters.SSTATUS -> v.sstatus = value & Vcpu.SSTATUS_MASK;
            case ControlRegisters.SIE -> v.sie = value & Vcpu.SUPERVISOR_INTERRUPTS;
            case ControlRegisters.STVEC -> v.stvec = value & ~2;
            case ControlRegisters.SCOUNTEREN -> v.scounteren = value;
            case ControlRegisters.SENVCFG -> { } // no fields this machine implements
            case ControlRegisters.SSCRATCH -> v.sscratch = value;
            case ControlRegisters.SEPC -> v.sepc = value & ~3;
            case ControlRegisters.SCAUSE -> v.scause = value;
            case ControlRegisters.STVAL -> v.stval = value;
            case ControlRegisters.SIP -> v.sip = (v.sip & ~Hart.SSIP) | (value & Hart.SSIP);
            case ControlRegisters.SATP -> {
                v.satp = value;
                vm.flushShadow(); // a new address space: the shadow entries of the old one must go
            }
            default -> {
                return false; // the counters are read-only
            }
        }
        return true;
    }

    // ---- memory -----------------------------------------------------------------------------------------------

    private static void pageFault(GuestVm vm, int access, int va) {
        Vcpu v = vm.vcpu;
        long gpa = vm.walk.translate(v, vm.ram, va, access);
        if (gpa < 0) {
            passOn(vm, ExitReason.GUEST_FAULT, Cause.of(gpa), va); // the guest's own tables say no
            return;
        }
        long page = gpa & ~0xFFFL;
        if (vm.ram.contains(page, 4096)) {
            vm.count(ExitReason.SHADOW_FILL);
            int view = ShadowPageTables.view(v.mode == Privilege.SUPERVISOR, v.sum(), v.mxr());
            int permissions = vm.walk.shadowPermissions(v);
            if (!vm.shadow.map(view, va & ~0xFFF, vm.ram.host(page), permissions)) {
                vm.flushShadow();
                vm.shadow.poolExhausted();
                vm.shadow.map(view, va & ~0xFFF, vm.ram.host(page), permissions);
            }
            return;
        }
        Device device = access == Mmu.FETCH ? null : vm.deviceAt((int) gpa);
        if (device == null) {
            passOn(vm, ExitReason.GUEST_FAULT, GuestPageWalk.accessFault(access), va); // a hole in the guest's board
            return;
        }
        mmio(vm, device, (int) gpa, access, va);
    }

    /** Runs the faulting load or store on a virtual device: the instruction is fetched and decoded here. */
    static void mmio(GuestVm vm, Device device, int gpa, int access, int va) {
        Machine m = vm.machine();
        Vcpu v = vm.vcpu;
        long fetched = m.mmu.fetch(v.pc);
        int insn = (int) fetched;
        int opcode = insn & 0x7F, funct3 = (insn >>> 12) & 7, rd = (insn >>> 7) & 0x1F;
        int size = switch (funct3 & 3) { case 0 -> 1; case 1 -> 2; case 2 -> 4; default -> 0; };
        int offset = gpa - device.base();
        boolean fits = size != 0 && Integer.compareUnsigned(offset, device.size() - size) <= 0;
        if (fetched < 0 || !fits || !(opcode == 0x03 && funct3 != 3 && funct3 < 6 || opcode == 0x23 && funct3 < 3)) {
            passOn(vm, ExitReason.GUEST_FAULT, GuestPageWalk.accessFault(access), va); // an AMO or odd access
            return;
        }
        vm.count(ExitReason.MMIO);
        if (opcode == 0x03) {
            long value = device.read(offset, size);
            if (value == Bus.FAULT) {
                passOn(vm, ExitReason.GUEST_FAULT, Cause.LOAD_ACCESS_FAULT, va);
                return;
            }
            int result = switch (funct3) {
                case 0 -> (byte) value;
                case 1 -> (short) value;
                default -> (int) value;
            };
            if (rd != 0) {
                m.hart.x[rd] = result;
            }
        } else if (!device.write(offset, size, m.hart.x[(insn >>> 20) & 0x1F])) {
            passOn(vm, ExitReason.GUEST_FAULT, Cause.STORE_ACCESS_FAULT, va);
            return;
        }
        v.pc += 4;
        vm.progressed();
    }
}
