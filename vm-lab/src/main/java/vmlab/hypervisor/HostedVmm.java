package vmlab.hypervisor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import vmlab.machine.DmaMemory;
import vmlab.machine.Machine;
import vmlab.os.AddressSpace;
import vmlab.os.HostOs;
import vmlab.os.LinuxProcess;
import vmlab.os.SystemCalls;
import vmlab.os.Task;
import vmlab.os.TaskRunner;

/**
 * A Type-2 hypervisor: a virtual machine monitor that is a process of the lab's host OS ({@link HostOs}), one VM
 * per process as QEMU does. The host kernel schedules it among its other processes; when it dispatches the VMM, the VMM
 * puts its vCPU on the hart (trap-and-emulate, the same {@link Hypervisor} code as Type-1), and the guest's exits reach
 * the VMM through the host kernel. What Type-2 adds, and what it costs:
 * <ul>
 *   <li><b>the timer is the host's</b>: the guest's SBI timer and the device completions are alarms of the host
 *       kernel; when every vCPU waits, the VMM process blocks and the host runs something else;</li>
 *   <li><b>every device access goes up to the VMM process and back</b> (the return of its {@code ioctl(KVM_RUN)} and
 *       the next one): one host kernel crossing, charged as a system call;</li>
 *   <li><b>the virtual disk is a host file</b>, opened, sought, read and written with the host kernel's system calls
 *       ({@code openat}, {@code _llseek}, {@code read}, {@code write}), each counted and charged with
 *       {@code OsCosts} in the host's account.</li>
 * </ul>
 * The VMM's own code is Java, as the Type-1 monitor's is: the process's program (a corpus program, never run) gives it
 * a pid, memory for its I/O buffer and a file table; its CPU time is the guest's instructions plus the host kernel's
 * work for it. The guest's RAM is host RAM the VMM holds for its whole life, as QEMU's mapping of guest memory.
 */
public final class HostedVmm implements TaskRunner {
    /** The VMM's I/O buffer, in its own address space (where a Linux process's anonymous mappings start). */
    static final int BUFFER = LinuxProcess.MMAP_BASE, BUFFER_SIZE = 64 << 10;
    private static final int AT_FDCWD = -100, O_RDWR = 2, SEEK_SET = 0, SEEK_END = 2;

    private final HostOs kernel;
    private Hypervisor hypervisor;
    private GuestVm vm;
    private Task task;
    private String diskName;
    private int diskFd = -1;
    private long diskBytes = -1;
    private boolean onCpu, blocked, exiting;
    private long armedFor = -1L;
    /** The cycle of the latest host alarm this VMM set that has not fired yet, or -1. */
    private long alarmSet = -1L;
    private long diskCalls, crossings;

    private HostedVmm(HostOs kernel) {
        this.kernel = kernel;
    }

    /**
     * Starts a VMM process on {@code kernel} running one VM of {@code ramBytes} that boots {@code boot}, its disk the
     * host file {@code diskImage} (or none if null; the VMM process sees the file's folder as its root). The VM is
     * defined, not on: {@code vm().start()} powers it on, and it runs when the host schedules the process.
     */
    public static HostedVmm start(HostOs kernel, String name, int ramBytes, GuestBoot boot, Path diskImage) {
        return start(kernel, name, ramBytes, boot, diskImage, new TrapAndEmulate());
    }

    /** As {@link #start(HostOs, String, int, GuestBoot, Path)}, the guest run the way {@code execution} says. */
    public static HostedVmm start(HostOs kernel, String name, int ramBytes, GuestBoot boot, Path diskImage,
                                  GuestExecution execution) {
        int bytes = ramBytes + Hypervisor.SHADOW_FRAMES * 4096;
        int base = kernel.frames().allocateContiguous(bytes);
        if (base == 0) {
            throw new IllegalStateException(String.format("the host cannot give VM %s %,d KiB of contiguous RAM "
                    + "(%,d frames free)", name, bytes >> 10, kernel.frames().framesFree()));
        }
        HostedVmm vmm = new HostedVmm(kernel);
        vmm.hypervisor = new Hypervisor(kernel.machine(), ExitCosts.DEFAULT, base, bytes, vmm);
        vmm.vm = vmm.hypervisor.create(name, ramBytes, boot, execution);
        Path folder = null;
        if (diskImage != null) {
            Path absolute = diskImage.toAbsolutePath();
            folder = absolute.getParent();
            vmm.diskName = "/" + absolute.getFileName();
            vmm.vm.disk(absolute);
        }
        vmm.task = kernel.spawn("vmm", GuestKernels.corpusProgram("hello"), List.of("vmm", name),
                LinuxProcess.Setup.labDirectory(folder), vmm);
        vmm.task.process().memory().reserve(BUFFER, BUFFER_SIZE, AddressSpace.READ | AddressSpace.WRITE);
        return vmm;
    }

    public GuestVm vm() {
        return vm;
    }

    /** The VMM's process on the host. */
    public Task task() {
        return task;
    }

    public HostOs os() {
        return kernel;
    }

    /** Host system calls the VMM made for its virtual disk (openat, _llseek, read, write). */
    public long diskSystemCalls() {
        return diskCalls;
    }

    /** Exits that went up to the VMM process and back (device accesses), each charged as a host system call. */
    public long kernelCrossings() {
        return crossings;
    }

    /** True when the VMM sleeps with nothing to wake it but its VM's console input (or the VM is off). */
    public boolean waitsForInput() {
        return task.state() == vmlab.os.TaskState.FINISHED
                || task.state() == vmlab.os.TaskState.BLOCKED && blocked && armedFor == -1L;
    }

    boolean onCpu() {
        return onCpu;
    }

    // ---- the host kernel's side (TaskRunner) -------------------------------------------------------------------

    @Override
    public void dispatched(Machine machine) {
        onCpu = true;
        blocked = false;
        hypervisor.onHart();
    }

    @Override
    public void descheduled(Machine machine) {
        hypervisor.offHart();
        onCpu = false;
    }

    @Override
    public void trap(Machine machine, int cause, int tval) {
        if (hypervisor.running() == null) {
            hypervisor.onHart(); // nothing of the guest was on the hart: choose again
            return;
        }
        hypervisor.trap(machine, cause, tval);
    }

    @Override
    public void interrupted(Machine machine, int cause) {
        trap(machine, cause, 0);
    }

    // ---- the monitor's side ------------------------------------------------------------------------------------

    /**
     * The monitor's next deadline (a guest timer or a device completion): a host alarm. The monitor names its deadline
     * on every exit, mostly the same one again; a host alarm already set for that cycle is left to serve, because a
     * second alarm at the same cycle fires in the same timer interrupt and would only repeat the first one's check.
     * Setting one per exit piled some 20,000 alarms into the host's queue on a run of 2,000 getpid.
     */
    void timer(long deadline) {
        armedFor = deadline;
        if (deadline != -1L && deadline != alarmSet) {
            alarmSet = deadline;
            kernel.at(deadline, () -> {
                if (alarmSet == deadline) {
                    alarmSet = -1L;
                }
                if (blocked && armedFor == deadline) {
                    kernel.unblock(task, "a vCPU's timer or a device completion is due");
                }
            });
        }
    }

    /** Every vCPU waits (or the VM is off): the VMM process leaves the CPU until {@code wake}, or ends. */
    void idle(long wake) {
        if (vm.state() != VmState.RUNNING && vm.state() != VmState.PAUSED && vm.state() != VmState.CREATED) {
            if (!exiting) {
                exiting = true;
                kernel.exit(task, Math.max(0, vm.exitStatus()));
            }
            return;
        }
        if (vm.state() != VmState.RUNNING) {
            wake = -1L; // not yet powered on, or paused: only a lifecycle call wakes it
        }
        timer(wake);
        blocked = true;
        kernel.block(task, "its vCPU waits (wfi)");
    }

    /** A virtual device raised its interrupt: an exit if the VMM runs, a wake-up if it sleeps. */
    void deviceInterrupt() {
        if (onCpu) {
            kernel.at(kernel.now(), () -> { }); // the host's timer interrupt is the exit that injects it
        } else if (blocked) {
            kernel.unblock(task, "a device interrupt for its VM");
        }
    }

    void ioExit() {
        crossings++;
        kernel.kernelCrossing(task);
    }

    HostFileDisk disk(DmaMemory guest) {
        return new HostFileDisk(this, guest);
    }

    // ---- the disk file, through the host's system calls --------------------------------------------------------

    /** The host file's size in bytes (opening it on first use). */
    long diskBytes() {
        open();
        return diskBytes;
    }

    private void open() {
        if (diskFd >= 0) {
            return;
        }
        byte[] name = (diskName + "\0").getBytes(StandardCharsets.UTF_8);
        task.process().memory().write(BUFFER, name, 0, name.length);
        diskFd = call(SystemCalls.OPENAT, AT_FDCWD, BUFFER, O_RDWR);
        if (diskFd < 0) {
            throw new IllegalStateException("the VMM cannot open its disk " + diskName + ": errno " + -diskFd);
        }
        diskBytes = seek(0, SEEK_END);
    }

    private int call(int number, int... args) {
        diskCalls++;
        return kernel.systemCall(task, number, args);
    }

    private long seek(long offset, int whence) {
        int result = call(SystemCalls.LSEEK, diskFd, (int) (offset >>> 32), (int) offset, BUFFER, whence);
        if (result < 0) {
            throw new IllegalStateException("_llseek on the VMM's disk failed: errno " + -result);
        }
        byte[] position = new byte[8];
        task.process().memory().read(BUFFER, position, 0, 8);
        return java.nio.ByteBuffer.wrap(position).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** {@code _llseek} then {@code read}s, through the VMM's buffer, into {@code into}. */
    void readHostFile(long offset, byte[] into, int at, int length) {
        open();
        seek(offset, SEEK_SET);
        AddressSpace memory = task.process().memory();
        for (int done = 0; done < length; ) {
            int n = call(SystemCalls.READ, diskFd, BUFFER, Math.min(BUFFER_SIZE, length - done));
            if (n <= 0) {
                throw new IllegalStateException("read from the VMM's disk file returned " + n);
            }
            memory.read(BUFFER, into, at + done, n);
            done += n;
        }
    }

    /** {@code _llseek} then {@code write}s of {@code from}, through the VMM's buffer, to the host file. */
    void writeHostFile(long offset, byte[] from, int at, int length) {
        open();
        seek(offset, SEEK_SET);
        AddressSpace memory = task.process().memory();
        for (int done = 0; done < length; ) {
            int chunk = Math.min(BUFFER_SIZE, length - done);
            memory.write(BUFFER, from, at + done, chunk);
            int n = call(SystemCalls.WRITE, diskFd, BUFFER, chunk);
            if (n <= 0) {
                throw new IllegalStateException("write to the VMM's disk file returned " + n);
            }
            done += n;
        }
    }

    @Override
    public String toString() {
        return String.format("Type-2 VMM (pid %d, %s) running %s; %,d disk system calls, %,d kernel crossings",
                task.pid(), task.state(), vm, diskCalls, crossings);
    }
}
