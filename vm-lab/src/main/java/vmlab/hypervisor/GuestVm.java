package vmlab.hypervisor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vmlab.machine.Device;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Plic;
import vmlab.machine.Uart;
import vmlab.machine.VirtioBlock;
import vmlab.machine.VirtioMmio;

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
    final Plic plic = new Plic(level -> { }, this::externalInterrupt);
    Uart console = newConsole();
    private final EmptyVirtioSlots virtio = new EmptyVirtioSlots();
    /** The disk image on the host, or null: the VM then has empty virtio slots. */
    private java.nio.file.Path diskImage;
    /** While the VM is on with a disk: the eight virtio-mmio transports, the disk in slot 7 as on the virt board. */
    private VirtioMmio[] virtioSlots;
    private VirtioBlock disk;
    /** Type-2: the disk behind the host's system calls. */
    private HostFileDisk hostFileDisk;
    private String diskError;
    /** A fully emulated (PIO) disk at 0x1000_0800, or null: lesson 05's peer for virtio. */
    private PioDisk pio;
    /** Counts power-ons and power-offs of the disk: a transport from an earlier one is dead. */
    private int diskPlugs;
    private final long[] exits = new long[ExitReason.values().length];
    private final ExitTimeline timeline = new ExitTimeline();
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

    /**
     * The exits its device I/O caused: device accesses (MMIO), waits for a device ({@code wfi}) and the interrupts that
     * woke it. Lesson 05 divides them by the KiB moved to compare an emulated disk with virtio.
     */
    public long ioExits() {
        return exitCount(ExitReason.MMIO) + exitCount(ExitReason.WFI) + exitCount(ExitReason.DEVICE_INTERRUPT);
    }

    /** Its exits over simulated time, by reason (for an exit-rate chart). */
    public ExitTimeline timeline() {
        return timeline;
    }

    /** After each exit: the timeline closes a bucket when the clock has passed it. */
    void sampleExits() {
        timeline.observe(machine().clint.mtime(), exits);
    }

    long[] exitCounts() {
        return exits;
    }

    long exitCount(ExitReason reason) {
        return exits[reason.ordinal()];
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
        if (hypervisor.hosted() != null) {
            hypervisor.hosted().deviceInterrupt(); // a Type-2 VMM asleep in the host wakes to deliver the keys
        }
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
        for (Device d : List.of(console, plic)) {
            if (Integer.compareUnsigned(address - d.base(), d.size()) < 0) {
                return d;
            }
        }
        if (pio != null && Integer.compareUnsigned(address - pio.base(), pio.size()) < 0) {
            return pio;
        }
        if (Integer.compareUnsigned(address - virtio.base(), virtio.size()) < 0) {
            return virtioSlots == null ? virtio : virtioSlots[(address - virtio.base()) >>> 12];
        }
        return null;
    }

    // ---- the disk ----------------------------------------------------------------------------------------------

    /** The virtual PLIC's S-mode output: the vCPU's SEIP, and a nudge to the monitor when a device raises it. */
    private void externalInterrupt(boolean level) {
        vcpu.sip = level ? vcpu.sip | Hart.SEIP : vcpu.sip & ~Hart.SEIP;
        if (level) {
            hypervisor.deviceInterrupt();
        }
    }

    /**
     * Gives this VM a virtio-blk disk backed by the host file {@code image} (a LabFS image, as {@code vmlab disk build}
     * makes): read at each power-on, written back atomically when the guest flushes, when the VM powers off and when
     * it is snapshotted. Another VM, on this host or another, can boot from the same file once this one is off.
     */
    public GuestVm disk(java.nio.file.Path image) {
        if (state == VmState.RUNNING || state == VmState.PAUSED) {
            throw new IllegalStateException("VM " + name + " is on: power it off before changing its disk");
        }
        this.diskImage = image;
        return this;
    }

    /**
     * Gives this VM a fully emulated disk of {@code sectors} at 0x1000_0800 ({@link PioDisk}: every register access,
     * data included, is an exit), next to whatever virtio disk it has. It lives in host memory, as long as the VM is
     * defined.
     */
    public GuestVm emulatedDisk(int sectors) {
        this.pio = new PioDisk(sectors);
        return this;
    }

    /** The emulated disk, or null. */
    public PioDisk pioDisk() {
        return pio;
    }

    /** The host file holding this VM's disk, or null. */
    public java.nio.file.Path diskImage() {
        return diskImage;
    }

    /** The virtio-blk device while the VM is on with a disk (its counters: reads, writes, bytes), else null. */
    public VirtioBlock virtioDisk() {
        return disk != null || hostFileDisk == null ? disk : hostFileDisk.opened();
    }

    /** The disk's virtio transport while the VM is on with a disk (its notifies and completions), else null. */
    public VirtioMmio virtioTransport() {
        return virtioSlots == null ? null : virtioSlots[DISK_SLOT];
    }

    /** Why the disk could not be written back to its host file the last time, or null. */
    public String diskError() {
        return diskError;
    }

    /** Slot 7 (0x1000_8000, PLIC source 8): where QEMU's virt board puts its first virtio disk. */
    static final int DISK_SLOT = VirtioMmio.SLOTS - 1;

    /** Power-on: the disk is read from its file and plugged into fresh transports (devices reset, as at power-on). */
    void plugDisk() throws java.io.IOException {
        unplugDisk();
        virtioSlots = null;
        disk = null;
        if (diskImage == null) {
            return;
        }
        int plugged = diskPlugs;
        GuestDma dma = new GuestDma(this, () -> diskPlugs == plugged);
        HostedVmm hosted = hypervisor.hosted();
        VirtioBlock block = hosted == null ? VirtioBlock.open(dma, diskImage) : null;
        vmlab.machine.VirtioBackend backend = hosted == null ? block : hosted.disk(dma);
        VirtioMmio[] slots = new VirtioMmio[VirtioMmio.SLOTS];
        for (int slot = 0; slot < slots.length; slot++) {
            vmlab.machine.IrqLine wire = plic.line(VirtioMmio.FIRST_IRQ + slot);
            slots[slot] = new VirtioMmio(slot, dma, hypervisor.events(), level -> {
                if (diskPlugs == plugged) {
                    wire.set(level);
                }
            }, slot == DISK_SLOT ? backend : null);
        }
        disk = block;
        hostFileDisk = backend instanceof HostFileDisk h ? h : null;
        virtioSlots = slots;
    }

    /**
     * Power-off: a completion still on its way belongs to a device that no longer exists, so the old transports lose
     * their DMA window and their interrupt wires (they stay readable for their counters).
     */
    void unplugDisk() {
        diskPlugs++;
    }

    /** Writes the disk back to its host file, atomically; false (and {@link #diskError()} says why) if it failed. */
    boolean saveDisk() {
        if (disk == null) {
            return true;
        }
        try {
            disk.save();
            diskError = null;
            return true;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            diskError = "the disk could not be written back to " + diskImage + ": " + e.getMessage();
            return false;
        }
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
