package vmlab.machine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import vmlab.isa.Image;

/**
 * The simulated computer, laid out like QEMU's {@code virt} board: one hart, RAM at 0x8000_0000, a CLINT, a PLIC, an
 * ns16550a UART (PLIC source 10), the lab's block device and the {@code sifive_test} power switch. Engines execute
 * instructions; everything that is not an instruction's own semantics is here, so all engines share it: trap entry with
 * delegation, interrupt selection, device events, the exit state and the counters.
 *
 * <pre>
 * 0x0010_0000  sifive_test power-off     0x0200_0000  CLINT (msip, mtimecmp, mtime)
 * 0x0c00_0000  PLIC                      0x1000_0000  UART (ns16550a, IRQ 10)
 * 0x1000_1000  block device (see {@link BlockDevice}); {@link VirtBoard} puts virtio-mmio slots here instead
 * 0x8000_0000  RAM (size configurable)   anything else: access fault
 * </pre>
 */
public final class Machine {
    public static final int DEFAULT_RAM_SIZE = 64 << 20;

    public final Hart hart = new Hart();
    public final Bus bus;
    public final Mmu mmu;
    public final Clint clint;
    public final ControlRegisters csrs;
    public final Uart uart = new Uart();
    public final BlockDevice disk;
    public final Plic plic;
    /** Device work completing on the simulated clock; engines run due events at their check points. */
    public final DeviceEvents events;
    public final Counters counters = new Counters();
    /** The UART's interrupt source on the PLIC, as on QEMU's virt board. */
    public static final int UART_IRQ = 10;

    private HostTrapHandler hostTrapHandler;
    private Tracer tracer;
    private final Set<Integer> breakpoints = new HashSet<>();
    private Map<String, Integer> symbols = new HashMap<>();
    private String programName = "(nothing loaded)";
    private int tohost;
    private boolean exited;
    private int exitCode;
    private String exitReason;

    public Machine() {
        this(DEFAULT_RAM_SIZE);
    }

    public Machine(int ramSize) {
        this(Bus.RAM_BASE, ramSize);
    }

    public Machine(int ramBase, int ramSize) {
        this(ramBase, ramSize, true);
    }

    /**
     * A machine with or without the lab's block device at 0x1000_1000 ({@link VirtBoard} leaves that address to the
     * virtio-mmio transports).
     */
    Machine(int ramBase, int ramSize, boolean labBlockDevice) {
        bus = new Bus(ramBase, ramSize);
        bus.attachHart(hart);
        mmu = new Mmu(hart, bus);
        clint = new Clint(hart);
        csrs = new ControlRegisters(hart, clint);
        disk = new BlockDevice(bus, 2048);
        plic = Plic.forHart(hart);
        events = new DeviceEvents(clint::mtime);
        uart.connect(plic.line(UART_IRQ));
        bus.attach(clint);
        bus.attach(plic);
        bus.attach(uart);
        if (labBlockDevice) {
            bus.attach(disk);
        }
        bus.attach(new PowerControl(this));
    }

    // ---- the simulated clock -------------------------------------------------------------------------------------------

    /**
     * What every engine does at a check point before looking at interrupts: the timer compares, typed input reaches the
     * UART, and device events that are due run (they may raise interrupt lines).
     */
    public void checkPoint() {
        clint.updateTimerInterrupt();
        uart.receiveTyped();
        events.deliverDue();
    }

    /** Cycles until the timer fires or a device event is due, whichever is first (engines end their slices there). */
    public long cyclesUntilNextEvent() {
        return Math.min(clint.cyclesUntilTimer(), events.cyclesUntilNext());
    }

    /**
     * WFI with nothing pending: skips time forward to the next thing that could wake the hart (the timer if its interrupt
     * is enabled, or a device event). False if nothing ever will.
     */
    public boolean sleepUntilNextEvent() {
        long timer = (hart.mie & Hart.MTIP) != 0 ? clint.cyclesUntilTimer() : Long.MAX_VALUE;
        long wait = Math.min(timer, events.cyclesUntilNext());
        if (wait == Long.MAX_VALUE) {
            return false;
        }
        clint.timeOffset += wait;
        clint.updateTimerInterrupt();
        return true;
    }

    /**
     * Loads a program for bare-metal execution: segments copied to their physical addresses (they must lie in RAM),
     * the hart reset to M-mode at the entry, and {@code tohost} watched if the program has one.
     */
    public void load(Image image) {
        for (Image.Segment s : image.segments()) {
            long start = s.address() & 0xFFFF_FFFFL, end = start + s.memorySize();
            long ramStart = bus.ramBase & 0xFFFF_FFFFL, ramEnd = ramStart + bus.ramSize;
            // A linker often maps the ELF headers in the page below the code; below RAM they are simply not loaded.
            long skip = start < ramStart && end > ramStart ? ramStart - start : 0;
            if (start + skip < ramStart || end > ramEnd) {
                throw new IllegalArgumentException(String.format(
                        "%s: segment at 0x%08x (%d bytes) lies outside RAM 0x%08x..0x%08x; a bare-metal program must be "
                                + "linked for RAM (a user-mode Linux program runs with 'emu' without --bare)",
                        image.name(), s.address(), s.memorySize(), bus.ramBase, bus.ramBase + bus.ramSize - 1));
            }
            int from = (int) Math.min(skip, s.bytes().length);
            bus.copyIn(s.address() + (int) skip, s.bytes(), from, s.bytes().length - from);
            long zeroFrom = Math.max(skip, s.bytes().length);
            bus.zero(s.address() + (int) zeroFrom, (int) (s.memorySize() - zeroFrom));
        }
        symbols = new HashMap<>(image.symbols());
        programName = image.name();
        tohost = symbols.getOrDefault("tohost", 0);
        hart.pc = image.entry();
        hart.privilege = Privilege.MACHINE;
    }

    /**
     * Power-cycles the machine for a new program: hart, timer, exit state, counters, symbols and the host trap handler
     * are reset. RAM keeps its contents (loading overwrites what it needs) and breakpoints stay.
     */
    public void reset() {
        hart.reset();
        clint.timeOffset = 0;
        clint.mtimecmp = -1L;
        events.clear();
        plic.reset();
        uart.reset();
        mmu.flush();
        counters.reset();
        symbols = new HashMap<>();
        tohost = 0;
        hostTrapHandler = null;
        exited = false;
        exitCode = 0;
        exitReason = null;
    }

    /**
     * True if {@code image} can run bare-metal here: every segment ends inside RAM and starts in it (or just below it, as
     * the ELF headers a linker maps under the code do).
     */
    public boolean fitsInRam(Image image) {
        long ramStart = bus.ramBase & 0xFFFF_FFFFL, ramEnd = ramStart + bus.ramSize;
        return image.segments().stream().allMatch(s -> {
            long start = s.address() & 0xFFFF_FFFFL, end = start + s.memorySize();
            return end > ramStart && end <= ramEnd && start >= ramStart - 0x10000;
        });
    }

    public String programName() {
        return programName;
    }

    public void setProgramName(String name) {
        this.programName = name;
    }

    public Map<String, Integer> symbols() {
        return Map.copyOf(symbols);
    }

    public void setSymbols(Map<String, Integer> symbols) {
        this.symbols = new HashMap<>(symbols);
    }

    /** The nearest symbol at or below {@code address} as "name+0x10", or null. */
    public String symbolize(int address) {
        String best = null;
        long bestAddress = -1, a = address & 0xFFFF_FFFFL;
        for (Map.Entry<String, Integer> e : symbols.entrySet()) {
            long s = e.getValue() & 0xFFFF_FFFFL;
            if (s <= a && s > bestAddress && !e.getKey().startsWith(".")) {
                best = e.getKey();
                bestAddress = s;
            }
        }
        if (best == null || a - bestAddress > 0x10000) {
            return null;
        }
        return a == bestAddress ? best : best + "+0x" + Long.toHexString(a - bestAddress);
    }

    // ---- traps -------------------------------------------------------------------------------------------------------

    public void setHostTrapHandler(HostTrapHandler handler) {
        this.hostTrapHandler = handler;
    }

    public HostTrapHandler hostTrapHandler() {
        return hostTrapHandler;
    }

    /**
     * Takes a trap: the one place every exception and interrupt goes. {@code hart.pc} must hold the trapping instruction
     * (for an interrupt, the next instruction). Delegation follows medeleg/mideleg: a trap in U- or S-mode whose bit is set
     * goes to S-mode; everything else goes to M-mode, or to the host trap handler if one is installed. With the H
     * extension a trap from a guest (V=1) that hedeleg/hideleg also delegates stays in the guest, at VS-mode.
     */
    public void raise(int cause, int tval) {
        raise(cause, tval, hart.virt);
    }

    /**
     * A trap whose {@code tval}, for a memory fault, is a guest virtual address if {@code guestAddress} (true for every
     * access made with V=1, and for HLV/HSV from HS-mode): hstatus.GVA or mstatush.GVA tell the hypervisor so.
     */
    public void raise(int cause, int tval, boolean guestAddress) {
        counters.trap(cause);
        if (tracer != null) {
            tracer.trapped(hart.pc, cause, tval);
        }
        hart.reservationValid = false;
        hart.recheck = true;
        int from = hart.privilege;
        boolean virtual = hart.virt;
        boolean interrupt = Cause.isInterrupt(cause);
        int code = cause & 31;
        int delegation = interrupt ? hart.mideleg | ControlRegisters.MIDELEG_FORCED : hart.medeleg;
        boolean guestFault = !interrupt && Cause.isGuestPageFault(cause);
        int guestPhysical = guestFault ? mmu.guestFaultAddress() : 0;
        int transformed = guestFault ? mmu.guestFaultInstruction() : 0;
        boolean gva = guestAddress && !interrupt && hasAddress(cause);
        if (from <= Privilege.SUPERVISOR && ((delegation >>> code) & 1) != 0) {
            int guestDelegation = interrupt ? hart.hideleg : hart.hedeleg;
            if (virtual && ((guestDelegation >>> code) & 1) != 0) {
                trapToGuest(cause, tval, from);
                return;
            }
            int h = hart.hstatus & ~(Hart.HSTATUS_SPV | Hart.HSTATUS_GVA);
            if (virtual) {
                h |= Hart.HSTATUS_SPV;
                h = from == Privilege.SUPERVISOR ? h | Hart.HSTATUS_SPVP : h & ~Hart.HSTATUS_SPVP;
            }
            hart.hstatus = gva ? h | Hart.HSTATUS_GVA : h;
            hart.htval = guestPhysical;
            hart.htinst = transformed;
            hart.virt = false;
            hart.sepc = hart.pc;
            hart.scause = cause;
            hart.stval = tval;
            int s = hart.mstatus;
            s = (s & Hart.MSTATUS_SIE) != 0 ? s | Hart.MSTATUS_SPIE : s & ~Hart.MSTATUS_SPIE;
            s &= ~Hart.MSTATUS_SIE;
            s = from == Privilege.SUPERVISOR ? s | Hart.MSTATUS_SPP : s & ~Hart.MSTATUS_SPP;
            hart.mstatus = s;
            hart.privilege = Privilege.SUPERVISOR;
            hart.pc = vector(hart.stvec, interrupt, code);
            return;
        }
        if (hostTrapHandler != null) {
            hostTrapHandler.trap(this, cause, tval);
            return;
        }
        if (isHandlerUnreachable(cause, hart.mtvec)) {
            pollHtif(); // a program that reported through tohost and then crashed has still reported
            if (exited) {
                return;
            }
            exit(DOUBLE_FAULT_STATUS, String.format("unhandled trap: %s at pc 0x%08x, which is where mtvec (0x%08x) "
                    + "sends traps: there is no trap handler to run (last trap taken: mcause %d, mepc 0x%08x, "
                    + "mtval 0x%08x)", Cause.name(cause), hart.pc, hart.mtvec, hart.mcause, hart.mepc, hart.mtval));
            return;
        }
        hart.mstatush = (virtual ? Hart.MSTATUSH_MPV : 0) | (gva ? Hart.MSTATUSH_GVA : 0);
        hart.mtval2 = guestPhysical;
        hart.mtinst = transformed;
        hart.virt = false;
        hart.mepc = hart.pc;
        hart.mcause = cause;
        hart.mtval = tval;
        int s = hart.mstatus;
        s = (s & Hart.MSTATUS_MIE) != 0 ? s | Hart.MSTATUS_MPIE : s & ~Hart.MSTATUS_MPIE;
        s &= ~Hart.MSTATUS_MIE;
        s = (s & ~Hart.MSTATUS_MPP) | from << Hart.MSTATUS_MPP_SHIFT;
        hart.mstatus = s;
        hart.privilege = Privilege.MACHINE;
        hart.pc = vector(hart.mtvec, interrupt, code);
    }

    /**
     * A trap a hypervisor delegated to its guest: the guest kernel's vs* registers take it, V stays 1. The VS-level
     * interrupts (2, 6, 10) look like the ordinary supervisor ones (1, 5, 9) to the guest, which cannot tell.
     */
    private void trapToGuest(int cause, int tval, int from) {
        boolean interrupt = Cause.isInterrupt(cause);
        int code = cause & 31;
        if (interrupt && (code == 2 || code == 6 || code == 10)) {
            code--;
        }
        hart.vsepc = hart.pc;
        hart.vscause = interrupt ? Cause.INTERRUPT | code : cause;
        hart.vstval = tval;
        int s = hart.vsstatus;
        s = (s & Hart.MSTATUS_SIE) != 0 ? s | Hart.MSTATUS_SPIE : s & ~Hart.MSTATUS_SPIE;
        s &= ~Hart.MSTATUS_SIE;
        s = from == Privilege.SUPERVISOR ? s | Hart.MSTATUS_SPP : s & ~Hart.MSTATUS_SPP;
        hart.vsstatus = s;
        hart.privilege = Privilege.SUPERVISOR;
        hart.pc = vector(hart.vstvec, interrupt, code);
    }

    /** Exceptions whose tval is a memory address (misaligned, access, page and guest-page faults). */
    private static boolean hasAddress(int cause) {
        return switch (cause) {
            case Cause.INSTRUCTION_MISALIGNED, Cause.INSTRUCTION_ACCESS_FAULT, Cause.LOAD_MISALIGNED,
                    Cause.LOAD_ACCESS_FAULT, Cause.STORE_MISALIGNED, Cause.STORE_ACCESS_FAULT,
                    Cause.INSTRUCTION_PAGE_FAULT, Cause.LOAD_PAGE_FAULT, Cause.STORE_PAGE_FAULT,
                    Cause.INSTRUCTION_GUEST_PAGE_FAULT, Cause.LOAD_GUEST_PAGE_FAULT, Cause.STORE_GUEST_PAGE_FAULT -> true;
            default -> false;
        };
    }

    /** The exit status of a machine stopped by a double fault (a shell's "killed by SIGSEGV"). */
    public static final int DOUBLE_FAULT_STATUS = 128 + 11;

    /**
     * True if this trap is a fetch fault at the trap vector itself: taking it would jump right back to the same fault,
     * forever (mtvec left at 0 points into a hole on this board). The machine stops instead, saying why.
     */
    private boolean isHandlerUnreachable(int cause, int tvec) {
        boolean fetchFault = cause == Cause.INSTRUCTION_ACCESS_FAULT || cause == Cause.INSTRUCTION_PAGE_FAULT
                || cause == Cause.INSTRUCTION_MISALIGNED;
        int base = tvec & ~3;
        return fetchFault && hart.privilege == Privilege.MACHINE
                && (hart.pc == base || ((tvec & 1) != 0 && hart.pc - base >= 0 && hart.pc - base < 64));
    }

    private static int vector(int tvec, boolean interrupt, int code) {
        int base = tvec & ~3;
        return (tvec & 1) != 0 && interrupt ? base + 4 * code : base;
    }

    /** mret: back to MPP with MIE restored (and to V=MPV); leaving M-mode clears MPRV. */
    public void mret() {
        int s = hart.mstatus;
        int to = hart.mpp();
        hart.virt = to != Privilege.MACHINE && (hart.mstatush & Hart.MSTATUSH_MPV) != 0;
        hart.mstatush &= ~Hart.MSTATUSH_MPV;
        s = (s & Hart.MSTATUS_MPIE) != 0 ? s | Hart.MSTATUS_MIE : s & ~Hart.MSTATUS_MIE;
        s |= Hart.MSTATUS_MPIE;
        s &= ~Hart.MSTATUS_MPP; // MPP becomes U, the least-privileged mode
        if (to != Privilege.MACHINE) {
            s &= ~Hart.MSTATUS_MPRV;
        }
        hart.mstatus = s;
        hart.privilege = to;
        hart.pc = hart.mepc;
        hart.recheck = true;
    }

    /**
     * sret: back to SPP with SIE restored; leaving M-mode's view clears MPRV. In HS-mode it also enters the guest if
     * hstatus.SPV says the trap came from one; in VS-mode it is the guest's own sret, on vsstatus and vsepc.
     */
    public void sret() {
        if (hart.virt) {
            int v = hart.vsstatus;
            hart.privilege = (v & Hart.MSTATUS_SPP) != 0 ? Privilege.SUPERVISOR : Privilege.USER;
            v = (v & Hart.MSTATUS_SPIE) != 0 ? v | Hart.MSTATUS_SIE : v & ~Hart.MSTATUS_SIE;
            hart.vsstatus = (v | Hart.MSTATUS_SPIE) & ~Hart.MSTATUS_SPP;
            hart.pc = hart.vsepc;
            hart.recheck = true;
            return;
        }
        hart.virt = (hart.hstatus & Hart.HSTATUS_SPV) != 0;
        hart.hstatus &= ~Hart.HSTATUS_SPV;
        int s = hart.mstatus;
        int to = (s & Hart.MSTATUS_SPP) != 0 ? Privilege.SUPERVISOR : Privilege.USER;
        s = (s & Hart.MSTATUS_SPIE) != 0 ? s | Hart.MSTATUS_SIE : s & ~Hart.MSTATUS_SIE;
        s |= Hart.MSTATUS_SPIE;
        s &= ~Hart.MSTATUS_SPP;
        s &= ~Hart.MSTATUS_MPRV;
        hart.mstatus = s;
        hart.privilege = to;
        hart.pc = hart.sepc;
        hart.recheck = true;
    }

    /**
     * The interrupt to take now, or 0 if none: pending and enabled, globally enabled for the current mode, highest
     * priority first (MEI, MSI, MTI, SEI, SSI, STI, then the guest's VSEI, VSSI, VSTI), M-level before HS-level before
     * VS-level. HS-level interrupts are always on while a guest runs; VS-level ones are taken only while it does.
     */
    public int pendingInterrupt() {
        int pending = hart.mip & hart.mie;
        if (pending == 0) {
            return 0;
        }
        int mode = hart.privilege;
        int delegated = hart.mideleg | ControlRegisters.MIDELEG_FORCED;
        int machineLevel = pending & ~delegated;
        if (machineLevel != 0 && (mode < Privilege.MACHINE || (hart.mstatus & Hart.MSTATUS_MIE) != 0)) {
            return highestPriority(machineLevel);
        }
        int supervisorLevel = pending & delegated & ~hart.hideleg;
        if (supervisorLevel != 0 && (hart.virt || mode < Privilege.SUPERVISOR
                || (mode == Privilege.SUPERVISOR && (hart.mstatus & Hart.MSTATUS_SIE) != 0))) {
            return highestPriority(supervisorLevel);
        }
        int guestLevel = pending & delegated & hart.hideleg;
        if (guestLevel != 0 && hart.virt
                && (mode < Privilege.SUPERVISOR || (hart.vsstatus & Hart.MSTATUS_SIE) != 0)) {
            return highestPriority(guestLevel);
        }
        return 0;
    }

    private static final int[] PRIORITY = {11, 3, 7, 9, 1, 5, 12, 10, 2, 6};

    private static int highestPriority(int bits) {
        for (int code : PRIORITY) {
            if ((bits & (1 << code)) != 0) {
                return Cause.INTERRUPT | code;
            }
        }
        return 0;
    }

    /** True if some interrupt is pending and enabled in mie, whatever the global enables say (what WFI waits for). */
    public boolean interruptWaiting() {
        return (hart.mip & hart.mie) != 0;
    }

    // ---- HTIF ----------------------------------------------------------------------------------------------------------

    /** The physical address of {@code tohost}, or 0 if the program has none. */
    public int tohost() {
        return tohost;
    }

    public void setTohost(int address) {
        this.tohost = address;
    }

    /**
     * Looks at {@code tohost} as Spike's HTIF does: 1 = pass, another odd value v = fail with code v >> 1; a console
     * putchar (device 1, command 1) prints to the UART output and is acknowledged in {@code fromhost}. Engines call this
     * at their check points.
     */
    public void pollHtif() {
        if (tohost == 0 || exited) {
            return;
        }
        long low = bus.read(tohost, 4), high = bus.read(tohost + 4, 4);
        if (low == Bus.FAULT || (low == 0 && high == 0)) {
            return;
        }
        bus.write(tohost, 4, 0);
        bus.write(tohost + 4, 4, 0);
        if (high == 0 && (low & 1) != 0) {
            int code = (int) (low >>> 1);
            exit(code, code == 0 ? "passed (tohost = 1)" : "failed (tohost = " + low + ", code " + code + ")");
        } else if (high == 0x0101_0000L) {
            uart.write(0, 1, (int) low);
            Integer fromhost = symbols.get("fromhost");
            if (fromhost != null) {
                bus.write(fromhost, 4, 1);
                bus.write(fromhost + 4, 4, 0x0101_0000);
            }
        }
    }

    // ---- exit state ----------------------------------------------------------------------------------------------------

    /** Stops the machine for good: the guest exited, powered off or was killed. */
    public void exit(int code, String reason) {
        if (!exited) {
            exited = true;
            exitCode = code;
            exitReason = reason;
        }
        hart.recheck = true;
    }

    public boolean exited() {
        return exited;
    }

    public int exitCode() {
        return exitCode;
    }

    public String exitReason() {
        return exitReason;
    }

    // ---- inspection hooks --------------------------------------------------------------------------------------------

    public Tracer tracer() {
        return tracer;
    }

    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    public Set<Integer> breakpoints() {
        return breakpoints;
    }

    public boolean isBreakpoint(int pc) {
        return !breakpoints.isEmpty() && breakpoints.contains(pc);
    }
}
