package vmlab.hypervisor;

import java.util.IdentityHashMap;
import java.util.Map;
import vmlab.machine.Bus;
import vmlab.machine.Cause;
import vmlab.machine.Device;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;

/**
 * Hardware-assisted virtualization with the RISC-V H extension: the guest kernel runs in VS-mode and its user in
 * VU-mode, so its CSR instructions (they reach the hart's vs* registers), {@code sret}, {@code sfence.vma}, its page-table
 * walks (the VS-stage, through vsatp) and the traps its user takes (hedeleg) all happen without the monitor. The monitor
 * keeps two things for itself:
 * <ul>
 *   <li>the G-stage table (hgatp, Sv32x4), which maps the guest's physical RAM at 0x8000_0000 to its slice of host RAM
 *       and leaves device addresses unmapped, so a device access is a guest-page fault: an MMIO exit, decoded from the
 *       faulting instruction;</li>
 *   <li>the exits that remain: SBI calls (ecall from VS), {@code wfi} (hstatus.VTW) and the host timer.</li>
 * </ul>
 * Virtual interrupts are injected through hvip, so the guest takes them itself once it enables them. The vCPU's
 * supervisor state lives in the hart's VS registers while it runs and in the {@link Vcpu} while it is off: scheduling,
 * SBI, devices, snapshots and the lifecycle are the monitor's, shared with {@link TrapAndEmulate}.
 */
public final class HardwareAssisted implements GuestExecution {
    /** The exceptions a guest's own hardware traps to its kernel: they go straight there (medeleg, then hedeleg). */
    static final int GUEST_EXCEPTIONS = 1 << Cause.INSTRUCTION_MISALIGNED | 1 << Cause.INSTRUCTION_ACCESS_FAULT
            | 1 << Cause.ILLEGAL_INSTRUCTION | 1 << Cause.BREAKPOINT | 1 << Cause.LOAD_MISALIGNED
            | 1 << Cause.LOAD_ACCESS_FAULT | 1 << Cause.STORE_MISALIGNED | 1 << Cause.STORE_ACCESS_FAULT
            | 1 << Cause.ECALL_FROM_U | 1 << Cause.INSTRUCTION_PAGE_FAULT | 1 << Cause.LOAD_PAGE_FAULT
            | 1 << Cause.STORE_PAGE_FAULT;
    private static final int GSTAGE_LEAF = Mmu.PTE_V | Mmu.PTE_R | Mmu.PTE_W | Mmu.PTE_X | Mmu.PTE_U | Mmu.PTE_A
            | Mmu.PTE_D;

    /** Each VM's hgatp, with the pool and RAM slice it was built for (a VM powered on again may get others). */
    private final Map<GuestVm, int[]> gStage = new IdentityHashMap<>();

    @Override
    public String name() {
        return "hardware-assisted";
    }

    @Override
    public void enter(GuestVm vm) {
        Hart hart = vm.machine().hart;
        Vcpu v = vm.vcpu;
        hart.pc = v.pc;
        hart.privilege = v.mode;
        hart.virt = true;
        hart.vsstatus = v.sstatus & Vcpu.SSTATUS_MASK;
        hart.vstvec = v.stvec;
        hart.vsepc = v.sepc;
        hart.vscause = v.scause;
        hart.vstval = v.stval;
        hart.vsscratch = v.sscratch;
        hart.vsatp = v.satp;
        hart.scounteren = v.scounteren;
        hart.mcounteren = 7;
        hart.hcounteren = 7;
        hart.hgatp = hgatp(vm);
        hart.hstatus = Hart.HSTATUS_VTW; // wfi exits: the monitor runs someone else meanwhile
        hart.medeleg = GUEST_EXCEPTIONS;
        hart.hedeleg = GUEST_EXCEPTIONS;
        hart.mideleg = 0;
        hart.hideleg = Hart.VS_INTERRUPTS;
        // The guest's enables and its pending interrupts, one position up: SSIP/STIP/SEIP are VSSIP/VSTIP/VSEIP.
        hart.mie = (hart.mie & ~Hart.VS_INTERRUPTS) | ((v.sie << 1) & Hart.VS_INTERRUPTS);
        hart.writeMip(Hart.VS_INTERRUPTS, (v.sip << 1) & Hart.VS_INTERRUPTS);
        hart.mstatus &= ~(Hart.MSTATUS_MPRV | Hart.MSTATUS_MXR | Hart.MSTATUS_SUM | Hart.MSTATUS_TW);
        hart.recheck = true;
    }

    @Override
    public void leave(GuestVm vm) {
        Hart hart = vm.machine().hart;
        if (!hart.virt) {
            return; // already saved (a trap, then the scheduler switching this vCPU out)
        }
        Vcpu v = vm.vcpu;
        v.mode = hart.privilege;
        v.sstatus = hart.vsstatus & Vcpu.SSTATUS_MASK;
        v.stvec = hart.vstvec;
        v.sepc = hart.vsepc;
        v.scause = hart.vscause;
        v.stval = hart.vstval;
        v.sscratch = hart.vsscratch;
        v.satp = hart.vsatp;
        v.scounteren = hart.scounteren;
        v.sie = (hart.mie & Hart.VS_INTERRUPTS) >>> 1;
        // The guest may set or clear its software interrupt; timer and external pending bits are the monitor's.
        v.sip = (v.sip & ~Hart.SSIP) | ((hart.mip & Hart.VSSIP) >>> 1);
        hart.virt = false;
        hart.writeMip(Hart.VS_INTERRUPTS, 0);
        hart.mie &= ~Hart.VS_INTERRUPTS;
        // Whoever runs next on this hart (another VM under trap-and-emulate, or a host OS's own processes when the monitor
        // is a Type-2 VMM) expects every trap in M-mode, where the Java handler is: nothing stays delegated.
        hart.medeleg = 0;
        hart.hedeleg = 0;
        hart.hideleg = 0;
    }

    @Override
    public void exit(GuestVm vm, int cause, int tval) {
        Machine m = vm.machine();
        Vcpu v = vm.vcpu;
        switch (cause) {
            case Cause.ECALL_FROM_VS -> {
                vm.count(ExitReason.SBI);
                v.pc += 4;
                SbiService.call(m.hart.x, vm);
                vm.progressed();
            }
            case Cause.VIRTUAL_INSTRUCTION -> {
                if (tval == TrapAndEmulate.WFI) {
                    vm.count(ExitReason.WFI);
                    v.pc += 4;
                    v.waiting = (v.sip & v.sie) == 0;
                    vm.progressed();
                } else { // a hypervisor instruction or CSR: to the guest, which has no H extension, it is illegal
                    passOn(vm, Cause.ILLEGAL_INSTRUCTION, tval);
                }
            }
            case Cause.INSTRUCTION_GUEST_PAGE_FAULT -> passOn(vm, Cause.INSTRUCTION_ACCESS_FAULT, tval);
            case Cause.LOAD_GUEST_PAGE_FAULT -> guestPageFault(vm, Mmu.LOAD, tval);
            case Cause.STORE_GUEST_PAGE_FAULT -> guestPageFault(vm, Mmu.STORE, tval);
            default -> passOn(vm, cause, tval); // not delegated, but the guest's own: as its hardware would
        }
    }

    private static void passOn(GuestVm vm, int cause, int tval) {
        vm.count(ExitReason.GUEST_FAULT);
        vm.vcpu.trapIntoGuest(cause, tval, vm.vcpu.pc);
    }

    /**
     * The G-stage refused a load or store: outside RAM, so a device (decode the instruction and run it on the virtual
     * device) or a hole (an access fault for the guest). A refusal while walking the guest's own page table (the table
     * lies outside its RAM) is an access fault too.
     */
    private static void guestPageFault(GuestVm vm, int access, int va) {
        Machine m = vm.machine();
        int gpa = m.mmu.guestFaultAddress() << 2 | (va & 3);
        Device device = m.mmu.guestFaultInstruction() == 0 ? vm.deviceAt(gpa) : null;
        if (device == null) {
            passOn(vm, access == Mmu.LOAD ? Cause.LOAD_ACCESS_FAULT : Cause.STORE_ACCESS_FAULT, va);
            return;
        }
        // The faulting instruction is fetched as the guest sees it: V=1 for the length of the decode.
        m.hart.virt = true;
        m.hart.privilege = vm.vcpu.mode;
        TrapAndEmulate.mmio(vm, device, gpa, access, va);
        m.hart.virt = false;
    }

    /**
     * The VM's G-stage table, built once per power-on in its page-table pool: a 16 KiB root (Sv32x4) and second-level
     * tables mapping each 4 KiB page of guest RAM to the host frame {@link GuestRam#host} names, as a user page (the
     * G-stage treats the whole guest as its user).
     */
    private int hgatp(GuestVm vm) {
        Bus bus = vm.machine().bus;
        int[] built = gStage.get(vm);
        if (built != null && built[1] == vm.shadowPoolBase && built[2] == vm.ram.hostBase()) {
            return built[0];
        }
        int root = (vm.shadowPoolBase + 0x3FFF) & ~0x3FFF;
        int pages = vm.ramBytes() >>> 12;
        int tables = (pages + 1023) >>> 10;
        int needed = root + 0x4000 + tables * 4096 - vm.shadowPoolBase;
        if (needed > Hypervisor.SHADOW_FRAMES * 4096) {
            throw new IllegalStateException("VM " + vm.name() + ": its G-stage table needs " + needed
                    + " bytes, more than its page-table pool");
        }
        bus.zero(root, 0x4000 + tables * 4096);
        for (int t = 0; t < tables; t++) {
            int table = root + 0x4000 + t * 4096;
            long firstGuest = (GuestRam.BASE & 0xFFFF_FFFFL) + ((long) t << 22);
            bus.write(root + 4 * (int) (firstGuest >>> 22), 4, (table >>> 12) << 10 | Mmu.PTE_V);
            for (int k = 0; k < 1024 && t * 1024 + k < pages; k++) {
                int host = vm.ram.host(firstGuest + ((long) k << 12));
                bus.write(table + 4 * k, 4, (host >>> 12) << 10 | GSTAGE_LEAF);
            }
        }
        int hgatp = 0x8000_0000 | root >>> 12;
        gStage.put(vm, new int[] {hgatp, vm.shadowPoolBase, vm.ram.hostBase()});
        return hgatp;
    }
}
