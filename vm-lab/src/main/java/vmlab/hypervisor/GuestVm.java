package vmlab.hypervisor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vmlab.machine.Device;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Plic;
import vmlab.machine.Uart;

/**
 * One virtual machine: its definition (name, RAM size, what it boots), its vCPU, its slice of host RAM and shadow page
 * tables while it is on, its virtual devices (a 16550 UART at 0x1000_0000, the console), and the count of its exits.
 * The SBI calls it makes are served here, on its own devices.
 */
public final class GuestVm implements SbiService.Platform {
    /** Consecutive exits without a guest instruction completing, after which the monitor stops the VM. */
    public static final int NO_PROGRESS_LIMIT = 100_000;

    private final Hypervisor hypervisor;
    private final String name;
    private final int ramBytes;
    private final GuestBoot boot;
    final GuestExecution execution;
    final Vcpu vcpu = new Vcpu();
    final GuestPageWalk walk = new GuestPageWalk();
    GuestRam ram;
    ShadowPageTables shadow;
    int shadowPoolBase;
    /** Where the boot loader put the device tree (passed in a1), or 0. */
    int deviceTree;
    /** The guest's interrupt controller: the board's PLIC model, its S-mode output wired to the vCPU's SEIP. */
    final Plic plic = new Plic(level -> { }, level -> vcpu.sip = level ? vcpu.sip | Hart.SEIP : vcpu.sip & ~Hart.SEIP);
    Uart console = newConsole();
    private final EmptyVirtioSlots virtio = new EmptyVirtioSlots();
    private final long[] exits = new long[ExitReason.values().length];
    private long exitCycles, injectedInterrupts, guestInstructions;
    long minstretAtEntry;
    VmState state = VmState.CREATED;
    private int exitStatus = -1;
    private String stopReason;
    private boolean progressed;
    private long lastMinstret;
    private int exitsWithoutProgress;

    GuestVm(Hypervisor hypervisor, String name, int ramBytes, GuestBoot boot, GuestExecution execution) {
        this.hypervisor = hypervisor;
        this.name = name;
        this.ramBytes = ramBytes;
        this.boot = boot;
        this.execution = execution;
    }

    public String name() {
        return name;
    }

    public int ramBytes() {
        return ramBytes;
    }

    public VmState state() {
        return state;
    }

    public GuestBoot boot() {
        return boot;
    }

    public String executionName() {
        return execution.name();
    }

    /** Everything the guest wrote to its console (the UART and the SBI console alike). */
    public String console() {
        return console.output();
    }

    /** The status the guest powered off with (SBI shutdown), or -1. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Why it stopped: the SBI shutdown, a crash, the host powering it off; null while it runs. */
    public String stopReason() {
        return stopReason;
    }

    /** Exits by reason, in the enum's order. */
    public Map<ExitReason, Long> exits() {
        Map<ExitReason, Long> m = new EnumMap<>(ExitReason.class);
        for (ExitReason r : ExitReason.values()) {
            m.put(r, exits[r.ordinal()]);
        }
        return m;
    }

    public long exitCount() {
        long total = 0;
        for (long e : exits) {
            total += e;
        }
        return total;
    }

    /** Simulated cycles the monitor spent on this VM's exits (assumed costs, see {@link ExitCosts}). */
    public long exitCycles() {
        return exitCycles;
    }

    public long injectedInterrupts() {
        return injectedInterrupts;
    }

    /** Guest instructions retired on the real hart (the guest's own work; emulated instructions not included). */
    public long guestInstructions() {
        return guestInstructions + (hypervisor.running() == this ? machine().hart.minstret - minstretAtEntry : 0);
    }

    public long shadowFills() {
        return shadow == null ? 0 : shadow.fills();
    }

    /** The virtual CPU: the guest's privilege and supervisor CSRs (its registers while it is off the hart). */
    public Vcpu vcpu() {
        return vcpu;
    }

    public Hypervisor hypervisor() {
        return hypervisor;
    }

    Machine machine() {
        return hypervisor.machine();
    }

    // ---- what the monitor records ------------------------------------------------------------------------------

    void count(ExitReason reason) {
        exits[reason.ordinal()]++;
        charge(hypervisor.costs().of(reason));
    }

    private void charge(long cycles) {
        exitCycles += cycles;
        machine().clint.timeOffset += cycles;
    }

    /** The exit completed a guest instruction (emulated it), which counts as progress. */
    void progressed() {
        progressed = true;
    }

    /** After each exit: false if the guest has gone {@link #NO_PROGRESS_LIMIT} exits without running anything. */
    boolean madeProgress() {
        long retired = machine().hart.minstret;
        if (progressed || retired != lastMinstret) {
            exitsWithoutProgress = 0;
        } else {
            exitsWithoutProgress++;
        }
        progressed = false;
        lastMinstret = retired;
        return exitsWithoutProgress < NO_PROGRESS_LIMIT;
    }

    void flushShadow() {
        shadow.flush();
        machine().mmu.flush();
        charge(hypervisor.costs().shadowFlush());
    }

    /** A virtual 16550 whose interrupt wire goes to this VM's PLIC as source 10, as on the virt board. */
    Uart newConsole() {
        Uart uart = new Uart();
        uart.connect(plic.line(UART_IRQ));
        return uart;
    }

    /** Delivers typed console input to the UART's receive FIFO (which may raise its interrupt at the PLIC). */
    void updateExternalInterrupts() {
        console.receiveTyped();
    }

    /** The UART's interrupt source at the PLIC, as on the virt board. */
    static final int UART_IRQ = 10;

    /** Queues console input for the guest (its UART receives it; the PLIC raises IRQ 10 when enabled). */
    public GuestVm type(String text) {
        console.type(text);
        return this;
    }

    void injected() {
        injectedInterrupts++;
    }

    void retired(long instructions) {
        guestInstructions += instructions;
    }

    void stop(VmState next, int status, String reason) {
        state = next;
        exitStatus = status;
        stopReason = reason;
    }

    /** The virtual device at guest-physical {@code address}, or null (a hole). */
    Device deviceAt(int address) {
        for (Device d : List.of(console, plic, virtio)) {
            if (Integer.compareUnsigned(address - d.base(), d.size()) < 0) {
                return d;
            }
        }
        return null;
    }

    /** Back to the power-on state of the vCPU: S-mode at the kernel's entry, a0 = hart 0, a1 = the device tree. */
    void resetVcpu() {
        java.util.Arrays.fill(vcpu.x, 0);
        vcpu.x[11] = deviceTree;
        vcpu.pc = boot.entry();
        vcpu.mode = vmlab.machine.Privilege.SUPERVISOR;
        vcpu.sstatus = vcpu.stvec = vcpu.sepc = vcpu.scause = vcpu.stval = vcpu.sscratch = vcpu.satp = 0;
        vcpu.scounteren = vcpu.sie = vcpu.sip = 0;
        vcpu.timerDeadline = -1L;
        vcpu.waiting = false;
        exitStatus = -1;
        stopReason = null;
        exitsWithoutProgress = 0;
    }

    // ---- SBI, served on this VM's devices ----------------------------------------------------------------------

    @Override
    public void putByte(int b) {
        console.write(0, 1, b);
    }

    @Override
    public byte[] readPhysical(int address, int length) {
        return ram.read(address, length);
    }

    @Override
    public void setTimer(long time) {
        vcpu.timerDeadline = time;
        vcpu.sip &= ~Hart.STIP;
    }

    @Override
    public void powerOff(int status, String reason) {
        hypervisor.guestPoweredOff(this, status, reason);
    }

    // ---- lifecycle, through the monitor ------------------------------------------------------------------------

    /** Powers on: host memory is reserved (or refused), the boot image written, the vCPU reset. */
    public GuestVm start() {
        hypervisor.powerOn(this);
        return this;
    }

    public GuestVm pause() {
        hypervisor.pause(this);
        return this;
    }

    public GuestVm resume() {
        hypervisor.resume(this);
        return this;
    }

    /** Pulls the plug: the VM stops where it is and its memory goes back to the host. */
    public GuestVm powerOff() {
        hypervisor.powerOffByHost(this);
        return this;
    }

    /** Saves this paused VM to {@code path} (atomically: the old snapshot survives a crash mid-save). */
    public GuestVm snapshot(String path) {
        try {
            hypervisor.snapshot(this, java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot save VM " + name + " to " + path + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Restores a snapshot of a VM of the same configuration; the VM is then paused where the snapshot was taken. */
    public GuestVm restore(String path) {
        try {
            hypervisor.restore(this, java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.format("VM %s (%s, %d KiB RAM, %s): %,d exits", name, state, ramBytes >> 10, execution.name(),
                exitCount());
    }
}
