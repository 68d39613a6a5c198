package vmlab.hypervisor;

import java.util.ArrayList;
import java.util.List;
import vmlab.engine.Engine;
import vmlab.engine.Stop;
import vmlab.machine.Cause;
import vmlab.machine.Hart;
import vmlab.machine.HostTrapHandler;
import vmlab.machine.Machine;
import vmlab.machine.Privilege;

/**
 * A Type-1 virtual machine monitor: the machine's own trap handler, with nothing beneath it. It owns the host's RAM
 * (each VM gets a slice, overcommit refused), its timer (multiplexed between the VMs' SBI timers and its own time
 * slices) and its hart (vCPUs take turns, round robin). Every trap of a running guest comes here: the monitor counts it,
 * charges its assumed cost to the simulated clock, hands it to the VM's {@link GuestExecution}, then decides who runs next
 * and puts that vCPU on the hart, injecting a virtual interrupt if one is due.
 *
 * <p>When no VM can run, the hart parks in the monitor's idle loop (a {@code wfi} in M-mode with nothing enabled), and
 * {@link #run} returns: a paused or powered-off world waits for the next cell.
 */
public final class Hypervisor implements HostTrapHandler {
    public static final int DEFAULT_HOST_RAM = 64 << 20;
    /** Shadow page-table frames per VM: 1 MiB of host RAM. */
    public static final int SHADOW_FRAMES = 256;
    /** A vCPU's time slice when others are waiting to run, in cycles. */
    public static final long DEFAULT_SLICE = 200_000;

    private final Machine machine;
    private final ExitCosts costs;
    /** Type-2: the host process this monitor is (null for Type-1, where the monitor is the machine's trap handler). */
    private final HostedVmm hosted;
    /**
     * Where the virtual devices' completions wait. Type-1: the machine's own queue. Type-2: the VMM process's, served
     * only while it runs (a device model in user space does its work when the host schedules it).
     */
    private final vmlab.machine.DeviceEvents events;
    private final HostMemory memory;
    private final List<GuestVm> vms = new ArrayList<>();
    private final int idleLoop;
    private GuestVm running;
    private long sliceEnd;
    private long slice = DEFAULT_SLICE;
    private long switches;
    /** A virtual device raised an interrupt while a guest ran: the host timer was set to fire at once. */
    private boolean kicked;

    /** Takes over {@code machine} (it is reset): from now on its traps are this monitor's. */
    public Hypervisor(Machine machine, ExitCosts costs) {
        this.machine = machine;
        this.costs = costs;
        this.hosted = null;
        this.events = machine.events;
        machine.reset();
        memory = new HostMemory(machine.bus.ramBase, machine.bus.ramSize);
        idleLoop = memory.allocate(4096, "the monitor's idle loop");
        machine.bus.write(idleLoop, 4, TrapAndEmulate.WFI);
        machine.bus.write(idleLoop + 4, 4, 0xFFDF_F06F); // j . - 4
        machine.setHostTrapHandler(this);
        machine.setProgramName("hypervisor");
        park();
    }

    /**
     * A Type-2 monitor: a process of a host OS ({@link HostedVmm}) on {@code machine}, which the host kernel owns. The
     * monitor holds only the RAM the host gave it ({@code ramBytes} at {@code ramBase}); the timer, the idle loop and
     * the hart belong to the host kernel, which puts this monitor's vCPU on the hart when it dispatches the process.
     */
    Hypervisor(Machine machine, ExitCosts costs, int ramBase, int ramBytes, HostedVmm hosted) {
        this.machine = machine;
        this.costs = costs;
        this.hosted = hosted;
        this.events = new vmlab.machine.DeviceEvents(machine.clint::mtime);
        memory = new HostMemory(ramBase, ramBytes);
        idleLoop = 0;
    }

    /** A monitor on a fresh host of {@code hostRamBytes}. */
    public static Hypervisor typeOne(int hostRamBytes) {
        return new Hypervisor(new Machine(hostRamBytes), ExitCosts.DEFAULT);
    }

    public Machine machine() {
        return machine;
    }

    public ExitCosts costs() {
        return costs;
    }

    /** The queue where this monitor's virtual devices put their completions. */
    vmlab.machine.DeviceEvents events() {
        return events;
    }

    /** The host process this monitor is, or null for a Type-1 monitor. */
    public HostedVmm hosted() {
        return hosted;
    }

    public List<GuestVm> vms() {
        return List.copyOf(vms);
    }

    /** The VM on the hart, or null when the monitor idles. */
    public GuestVm running() {
        return running;
    }

    public long vmSwitches() {
        return switches;
    }

    /** Host RAM not given to any VM or the monitor. */
    public long freeHostMemory() {
        return memory.freeBytes();
    }

    public Hypervisor slice(long cycles) {
        if (cycles <= 0) {
            throw new IllegalArgumentException("a time slice must be at least one cycle, not " + cycles);
        }
        this.slice = cycles;
        return this;
    }

    /** Defines a VM (trap-and-emulate); it holds no memory until {@link GuestVm#start()}. */
    public GuestVm create(String name, int ramBytes, GuestBoot boot) {
        return create(name, ramBytes, boot, new TrapAndEmulate());
    }

    public GuestVm create(String name, int ramBytes, GuestBoot boot, GuestExecution execution) {
        if (ramBytes < GuestBoot.minimumRam() || (ramBytes & 4095) != 0) {
            throw new IllegalArgumentException(String.format("VM %s: RAM must be a multiple of 4 KiB and at least "
                    + "%d KiB (the boot layout's user region ends there), not %d bytes", name,
                    GuestBoot.minimumRam() >> 10, ramBytes));
        }
        if (vms.stream().anyMatch(vm -> vm.name().equals(name))) {
            throw new IllegalArgumentException("there is already a VM called " + name);
        }
        GuestVm vm = new GuestVm(this, name, ramBytes, boot, execution);
        vms.add(vm);
        return vm;
    }

    // ---- running -----------------------------------------------------------------------------------------------

    /**
     * Runs the host for at most {@code maxInstructions} (guest instructions and idle time alike): returns
     * {@link Stop#WAITING_FOREVER} when no VM is left to run.
     */
    public Stop run(Engine engine, long maxInstructions) {
        if (running == null) {
            schedule(false);
        }
        if (running == null) {
            return Stop.WAITING_FOREVER;
        }
        return engine.run(machine, maxInstructions);
    }

    /** Runs until {@code vm} is no longer running (or the budget is spent, or the notebook interrupts). */
    public Stop runUntilStopped(Engine engine, GuestVm vm, long maxInstructions) {
        long start = machine.hart.mcycle;
        Stop stop = Stop.INSTRUCTION_LIMIT;
        while (vm.state() == VmState.RUNNING) {
            long left = maxInstructions - (machine.hart.mcycle - start);
            if (left <= 0) {
                return Stop.INSTRUCTION_LIMIT;
            }
            stop = run(engine, Math.min(left, 1_000_000));
            if (stop == Stop.INTERRUPTED || stop == Stop.WAITING_FOREVER || stop == Stop.EXITED) {
                break;
            }
        }
        return stop;
    }

    @Override
    public void trap(Machine m, int cause, int tval) {
        GuestVm vm = running;
        if (vm == null) {
            m.exit(Machine.DOUBLE_FAULT_STATUS, String.format("monitor: %s at pc 0x%08x with no VM on the hart",
                    Cause.name(cause), m.hart.pc));
            return;
        }
        vm.vcpu.pc = m.hart.pc;
        long ioBefore = vm.exitCount(ExitReason.MMIO);
        vm.execution.leave(vm);
        try {
            if (Cause.isInterrupt(cause)) {
                vm.count(kicked ? ExitReason.DEVICE_INTERRUPT : ExitReason.HOST_TIMER);
            } else {
                vm.execution.exit(vm, cause, tval);
            }
            vm.sampleExits();
            if (hosted != null && vm.exitCount(ExitReason.MMIO) != ioBefore) {
                hosted.ioExit(); // a device access goes up to the VMM process and back down: a host kernel crossing
            }
            if (vm.state == VmState.RUNNING && !vm.madeProgress()) {
                crash(vm, String.format("the guest made no progress in %,d exits (the last: %s at pc 0x%08x, tval "
                        + "0x%08x): it is stuck in a trap loop", GuestVm.NO_PROGRESS_LIMIT, Cause.name(cause),
                        vm.vcpu.pc, tval));
            }
        } catch (RuntimeException e) {
            crash(vm, "the monitor failed on " + Cause.name(cause) + " at pc 0x"
                    + Integer.toHexString(vm.vcpu.pc) + ": " + e);
        }
        if (vm.state != VmState.RUNNING) {
            switchOut(vm, true);
        }
        schedule(true);
    }

    // ---- scheduling --------------------------------------------------------------------------------------------

    /** Marks due SBI timers, picks the vCPU to run, and puts it on the hart (or parks the hart). */
    private void schedule(boolean inTrap) {
        if (hosted != null && !hosted.onCpu()) {
            return; // a Type-2 monitor chooses only while the host has given its process the hart
        }
        while (true) {
            events.deliverDue(); // virtual devices' completions that are due (they may raise interrupts)
            long now = machine.clint.mtime();
            for (GuestVm vm : vms) {
                Vcpu v = vm.vcpu;
                if (vm.state == VmState.RUNNING && Long.compareUnsigned(now, v.timerDeadline) >= 0) {
                    v.sip |= Hart.STIP;
                }
                if (vm.state == VmState.RUNNING) {
                    vm.updateExternalInterrupts();
                }
                if (v.waiting && (v.sip & v.sie) != 0) {
                    v.waiting = false;
                }
            }
            GuestVm next = pick(now);
            if (next != null) {
                if (next != running) {
                    switchTo(next, inTrap);
                }
                enter(next);
                armTimer();
                return;
            }
            long wake = earliestDeadline();
            long untilEvent = events.cyclesUntilNext();
            if (untilEvent != Long.MAX_VALUE && Long.compareUnsigned(now + untilEvent, wake) < 0) {
                wake = now + untilEvent; // a disk completion is the next thing that can wake anyone
            }
            if (hosted != null) {
                if (running != null) {
                    switchOut(running, inTrap);
                }
                hosted.idle(wake); // the VMM process sleeps in the host until then: other host processes run
                return;
            }
            if (wake == -1L) {
                if (running != null) {
                    switchOut(running, inTrap);
                }
                park();
                return;
            }
            machine.clint.timeOffset += wake - now; // everyone sleeps: skip ahead to the first timer, as WFI does
        }
    }

    private boolean runnable(GuestVm vm) {
        return vm.state == VmState.RUNNING && !vm.vcpu.waiting;
    }

    /** The current vCPU until its slice ends (or it stops), then the next runnable one in turn. */
    private GuestVm pick(long now) {
        boolean currentOk = running != null && runnable(running);
        if (currentOk && Long.compareUnsigned(now, sliceEnd) < 0) {
            return running;
        }
        int from = running == null ? -1 : vms.indexOf(running);
        for (int k = 1; k <= vms.size(); k++) {
            GuestVm candidate = vms.get(Math.floorMod(from + k, vms.size()));
            if (runnable(candidate)) {
                sliceEnd = now + slice;
                return candidate;
            }
        }
        return null;
    }

    private long earliestDeadline() {
        long earliest = -1L;
        for (GuestVm vm : vms) {
            if (vm.state == VmState.RUNNING && vm.vcpu.waiting && (vm.vcpu.sie & Hart.STIP) != 0
                    && Long.compareUnsigned(vm.vcpu.timerDeadline, earliest) < 0) {
                earliest = vm.vcpu.timerDeadline;
            }
        }
        return earliest;
    }

    private void switchTo(GuestVm next, boolean inTrap) {
        if (running != null) {
            switchOut(running, inTrap);
        }
        Hart hart = machine.hart;
        System.arraycopy(next.vcpu.x, 0, hart.x, 0, 32);
        hart.x[0] = 0;
        hart.reservationValid = false;
        next.minstretAtEntry = hart.minstret;
        running = next;
        switches++;
    }

    /** Saves the running vCPU's registers (and its pc, unless a trap already did). */
    private void switchOut(GuestVm vm, boolean inTrap) {
        Hart hart = machine.hart;
        System.arraycopy(hart.x, 0, vm.vcpu.x, 0, 32);
        if (!inTrap) {
            vm.vcpu.pc = hart.pc;
            vm.execution.leave(vm);
        }
        vm.retired(hart.minstret - vm.minstretAtEntry);
        running = null;
    }

    /** Puts {@code vm} on the hart, first delivering a virtual interrupt if one is due. */
    private void enter(GuestVm vm) {
        int interrupt = vm.vcpu.deliverableInterrupt();
        if (interrupt != 0) {
            vm.vcpu.trapIntoGuest(interrupt, 0, vm.vcpu.pc);
            vm.vcpu.waiting = false;
            vm.injected();
        }
        vm.execution.enter(vm);
    }

    /**
     * A virtual device raised its interrupt. Inside an exit the scheduler will see it anyway; while a guest runs (the
     * completion came due at an engine check point) the monitor must get the hart back to inject it, as a real host's
     * disk interrupt ends the guest's turn: the host timer is set to fire now.
     */
    void deviceInterrupt() {
        if (hosted != null) {
            kicked = hosted.onCpu();
            hosted.deviceInterrupt();
        } else if (running != null) {
            kicked = true;
            machine.clint.mtimecmp = 0;
            machine.hart.mie = Hart.MTIP;
            machine.clint.updateTimerInterrupt();
        }
    }

    /** The host timer fires at the next guest timer or the end of the slice, whichever is first. */
    private void armTimer() {
        kicked = false;
        if (hosted != null) {
            long next = events.cyclesUntilNext() == Long.MAX_VALUE ? -1L : machine.clint.mtime() + events.cyclesUntilNext();
            for (GuestVm vm : vms) {
                if (vm.state == VmState.RUNNING && (vm.vcpu.sip & Hart.STIP) == 0
                        && Long.compareUnsigned(vm.vcpu.timerDeadline, next) < 0) {
                    next = vm.vcpu.timerDeadline;
                }
            }
            hosted.timer(next); // the host kernel's alarm: its timer interrupt is then this monitor's exit
            return;
        }
        long next = -1L;
        long now = machine.clint.mtime();
        int runnableCount = 0;
        for (GuestVm vm : vms) {
            if (vm.state != VmState.RUNNING) {
                continue;
            }
            if (!vm.vcpu.waiting) {
                runnableCount++;
            }
            long d = vm.vcpu.timerDeadline;
            if ((vm.vcpu.sip & Hart.STIP) == 0 && Long.compareUnsigned(d, now) > 0
                    && Long.compareUnsigned(d, next) < 0) {
                next = d;
            }
        }
        if (runnableCount > 1 && Long.compareUnsigned(sliceEnd, next) < 0) {
            next = sliceEnd;
        }
        machine.clint.mtimecmp = next;
        machine.hart.mie = Hart.MTIP | machine.hart.mie & Hart.VS_INTERRUPTS; // the guest's own enables (assisted mode)
        machine.clint.updateTimerInterrupt();
    }

    /** The monitor's idle loop: M-mode, nothing enabled, a wfi that no interrupt can end; the engine returns. */
    private void park() {
        Hart hart = machine.hart;
        running = null;
        hart.privilege = Privilege.MACHINE;
        hart.pc = idleLoop;
        hart.satp = 0;
        hart.mie = 0;
        hart.recheck = true;
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    void powerOn(GuestVm vm) {
        if (vm.state == VmState.RUNNING || vm.state == VmState.PAUSED) {
            throw new IllegalStateException("VM " + vm.name() + " is already on (" + vm.state + ")");
        }
        plugDisk(vm);
        reserve(vm);
        vm.console.echoTo(new PhysicalConsole(vm.name(), machine.uart));
        vm.boot().writeInto(vm.ram);
        vm.deviceTree = GuestBoot.writeDeviceTree(vm.ram, vm.ramBytes());
        vm.resetVcpu();
        vm.state = VmState.RUNNING;
        reschedule();
    }

    /** Reserves host memory for {@code vm} (or refuses, leaving it as it was). */
    private void reserve(GuestVm vm) {
        int ramBase = memory.allocate(vm.ramBytes(), "VM " + vm.name() + "'s RAM");
        int pool;
        try {
            pool = memory.allocate(SHADOW_FRAMES * 4096, "VM " + vm.name() + "'s shadow page tables");
        } catch (IllegalStateException e) {
            memory.release(ramBase, vm.ramBytes());
            throw e;
        }
        vm.ram = new GuestRam(machine.bus, ramBase, vm.ramBytes());
        vm.ram.zero(GuestRam.BASE, vm.ramBytes());
        vm.shadowPoolBase = pool;
        vm.shadow = new ShadowPageTables(machine.bus, pool, SHADOW_FRAMES);
    }

    void snapshot(GuestVm vm, java.nio.file.Path file) throws java.io.IOException {
        requireState(vm, VmState.PAUSED, "snapshot");
        VmSnapshot.save(vm, file, machine.clint.mtime());
        if (!vm.saveDisk()) {
            throw new java.io.IOException(vm.diskError());
        }
    }

    /** Reads the VM's disk image (if it has one) before anything else changes: a bad file refuses the power-on. */
    private static void plugDisk(GuestVm vm) {
        try {
            vm.plugDisk();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("VM " + vm.name() + " cannot power on: its disk " + vm.diskImage()
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Restores {@code file} into {@code vm}, which ends up PAUSED exactly where the snapshot was taken. */
    void restore(GuestVm vm, java.nio.file.Path file) throws java.io.IOException {
        if (vm.state == VmState.RUNNING) {
            throw new IllegalStateException("cannot restore VM " + vm.name() + " while it runs: pause it first");
        }
        VmSnapshot.Contents contents = VmSnapshot.read(vm, file); // checked before anything changes
        if (vm.state != VmState.PAUSED) {
            plugDisk(vm);
            reserve(vm);
        }
        vm.resetVcpu();
        VmSnapshot.apply(vm, contents, machine.clint.mtime());
        vm.console.echoTo(new PhysicalConsole(vm.name(), machine.uart));
        vm.shadow.flush();
        vm.state = VmState.PAUSED;
        reschedule();
    }

    void pause(GuestVm vm) {
        requireState(vm, VmState.RUNNING, "pause");
        vm.state = VmState.PAUSED;
        reschedule();
    }

    void resume(GuestVm vm) {
        requireState(vm, VmState.PAUSED, "resume");
        vm.state = VmState.RUNNING;
        reschedule();
    }

    void powerOffByHost(GuestVm vm) {
        if (vm.state != VmState.RUNNING && vm.state != VmState.PAUSED) {
            return;
        }
        if (running == vm) {
            switchOut(vm, false);
            if (hosted == null) {
                park();
            }
        }
        release(vm, VmState.OFF, -1, "powered off by the host");
        reschedule();
    }

    /** The guest asked the SBI to shut down: called inside its exit, so the scheduler after it picks someone else. */
    void guestPoweredOff(GuestVm vm, int status, String reason) {
        release(vm, VmState.OFF, status, reason);
    }

    void crash(GuestVm vm, String reason) {
        release(vm, VmState.CRASHED, -1, reason);
    }

    /** Type-2: the host gives this monitor's process the hart; its vCPU goes back on. */
    void onHart() {
        schedule(false);
    }

    /** Type-2: the host takes the hart away; the vCPU's registers are saved. */
    void offHart() {
        if (running != null) {
            switchOut(running, false);
        }
    }

    private void release(GuestVm vm, VmState state, int status, String reason) {
        vm.timeline().close(machine.clint.mtime(), vm.exitCounts()); // the chart gets the VM's last exits
        boolean saved = vm.saveDisk(); // the hotel room keeps your things: the disk outlives the VM's memory
        vm.unplugDisk();
        vm.stop(state, status, saved ? reason : reason + "; " + vm.diskError());
        if (vm.ram != null) {
            memory.release(vm.ram.hostBase(), vm.ramBytes());
            memory.release(vm.shadowPoolBase, SHADOW_FRAMES * 4096);
            vm.ram = null;
            vm.shadow = null;
        }
    }

    private static void requireState(GuestVm vm, VmState state, String action) {
        if (vm.state != state) {
            throw new IllegalStateException("cannot " + action + " VM " + vm.name() + ": it is " + vm.state
                    + ", not " + state);
        }
    }

    /** A change from outside a trap (a notebook cell): take the hart back and choose again. */
    private void reschedule() {
        if (hosted != null && !hosted.onCpu()) {
            hosted.deviceInterrupt(); // a Type-2 VMM asleep in the host wakes to see what changed
            return;
        }
        if (running != null && running.state != VmState.RUNNING) {
            switchOut(running, false);
            if (hosted == null) {
                park();
            }
        }
        if (running != null) {
            running.vcpu.pc = machine.hart.pc;
        }
        schedule(false);
    }
}
