package vmlab.os;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vmlab.isa.Image;
import vmlab.machine.Cause;
import vmlab.machine.Elf;
import vmlab.machine.HostTrapHandler;
import vmlab.machine.Machine;
import vmlab.machine.Mmu;
import vmlab.machine.Privilege;

/**
 * A user-mode Linux process on the lab machine, with this Java class as its kernel: it builds the address space from the
 * ELF (Sv32 pages in guest RAM), lays out argv, envp and the auxiliary vector on the stack as Linux does, starts the hart
 * in U-mode, and takes every trap: system calls go to {@link SystemCalls}, page faults on reserved pages are served by
 * mapping a frame, and anything else kills the process with a signal, as qemu-riscv32 does.
 *
 * <p>The virtual memory layout: the ELF where it was linked; the heap ({@code brk}) right after its last segment;
 * anonymous {@code mmap} from {@link #MMAP_BASE} upwards; an 8 MiB stack below {@link #STACK_TOP}.
 */
public final class LinuxProcess implements HostTrapHandler {
    public static final int STACK_TOP = 0x8000_0000;
    public static final int STACK_SIZE = 8 << 20;
    public static final int MMAP_BASE = 0x4000_0000;
    private static final int PAGE = AddressSpace.PAGE;

    final Machine machine;
    AddressSpace memory;
    final FrameAllocator frames;
    FileTable files = new FileTable();
    final int pid;
    int brkStart, brk;
    int mmapNext = MMAP_BASE;
    // what a container needs: namespaces, a cgroup, a working directory, a family, a kernel to ask for fork and kill
    Namespaces namespaces;
    final ControlGroup group;
    final SharedText sharedText;
    String cwd = "/";
    LinuxProcess parent;
    final List<LinuxProcess> children = new ArrayList<>();
    final WaitQueue childEvents = new WaitQueue();
    ProcessHost host;
    /** Set by a system call that has to wait: the queue to wait on (the kernel parks the task there). */
    WaitQueue blockedOn;
    boolean ended;
    /** The status wait4 reports: exit code << 8, or the signal number. */
    int waitStatus;
    private final SystemCalls systemCalls = new SystemCalls();
    private String killedBy;
    /** Alone on the machine, a process's end stops the machine; under a host kernel, the kernel runs someone else. */
    private Ending ending;

    /** Hears that a process ended, by exit or by a fatal signal. */
    @FunctionalInterface
    public interface Ending {
        void ended(int status, String reason);
    }

    private LinuxProcess(Machine machine, FrameAllocator frames, int pid, Setup setup) {
        this.machine = machine;
        this.frames = frames;
        this.ending = machine::exit;
        this.group = setup.group();
        this.sharedText = setup.sharedText();
        this.namespaces = setup.namespaces();
        this.cwd = setup.cwd();
        this.memory = new AddressSpace(machine.bus, machine.mmu, frames, group);
        this.pid = pid;
    }

    /**
     * Where a new process lives: its namespaces (mounts included), the cgroup its memory is charged to (null: none), the
     * shared text cache it loads code through (null: none) and its working directory.
     */
    public record Setup(Namespaces namespaces, ControlGroup group, SharedText sharedText, String cwd) {
        /** The host's namespaces with {@code labDirectory} (or nothing, if null) mounted read-write at "/". */
        public static Setup labDirectory(Path labDirectory) {
            MountTable mounts = new MountTable();
            if (labDirectory != null) {
                mounts.mount("/", new HostFolder(labDirectory, false), false);
            }
            return new Setup(Namespaces.host(mounts), null, null, "/");
        }
    }

    /** Where a process's standard streams go. */
    public record Streams(InputStream in, OutputStream out, OutputStream err) {
        public static Streams of(InputStream in, OutputStream out, OutputStream err) {
            return new Streams(in, out, err);
        }
    }

    /**
     * Loads {@code elf} into a fresh address space on {@code machine} and prepares the hart to run it in U-mode.
     *
     * @param labDirectory the only directory the process may open files in (null: no file access at all)
     */
    public static LinuxProcess start(Machine machine, Elf elf, List<String> argv, Map<String, String> environment,
                                     Path labDirectory, Streams streams) {
        machine.reset();
        return start(machine, new FrameAllocator(machine.bus), 1000, elf, argv, environment, labDirectory, streams);
    }

    /** Starts one of several processes on a machine, with the lab directory (or null) as its only files. */
    public static LinuxProcess start(Machine machine, FrameAllocator frames, int pid, Elf elf, List<String> argv,
                                     Map<String, String> environment, Path labDirectory, Streams streams) {
        return start(machine, frames, pid, elf, argv, environment, Setup.labDirectory(labDirectory), streams);
    }

    /**
     * Starts one of several processes that share a machine's RAM through one frame allocator (the time-sharing kernel's
     * case). The hart is set up for this process and its trap handler installed; a scheduler saves and restores the
     * hart around it. Each has its own {@code pid}.
     */
    public static LinuxProcess start(Machine machine, FrameAllocator frames, int pid, Elf elf, List<String> argv,
                                     Map<String, String> environment, Setup setup, Streams streams) {
        LinuxProcess process = new LinuxProcess(machine, frames, pid, setup);
        process.files.put(0, OpenFile.input(streams.in()));
        process.files.put(1, OpenFile.output(streams.out()));
        process.files.put(2, OpenFile.output(streams.err()));
        try {
            process.loadSegments(process.memory, elf.image());
        } catch (IllegalStateException e) {
            process.memory.destroy();
            throw e;
        }
        int sp = process.buildStack(process.memory, elf, argv, environment);
        process.enter(elf, sp);
        machine.setHostTrapHandler(process);
        return process;
    }

    /** Puts the hart at the program's entry in U-mode, with a fresh register file and this address space. */
    private void enter(Elf elf, int sp) {
        var hart = machine.hart;
        java.util.Arrays.fill(hart.x, 0);
        hart.x[2] = sp;
        hart.pc = elf.image().entry();
        hart.satp = memory.satp();
        hart.privilege = Privilege.USER;
        hart.mcounteren = 7; // user code may read cycle, time and instret, as under Linux
        hart.scounteren = 7;
        hart.recheck = true;
        machine.mmu.flush();
        machine.setProgramName(elf.image().name());
        machine.setSymbols(elf.image().symbols());
    }

    /**
     * execve: replaces the program in this process (same pid, open files, namespaces and cgroup) by {@code elf}. The old
     * address space is kept until the new one is complete, so a failure leaves the caller running: 0 or a negative errno.
     */
    int exec(Elf elf, List<String> argv, Map<String, String> environment) {
        AddressSpace next;
        try {
            next = new AddressSpace(machine.bus, machine.mmu, frames, group);
        } catch (IllegalStateException e) {
            return -Errno.ENOMEM;
        }
        int oldStart = brkStart, oldBrk = brk;
        try {
            loadSegments(next, elf.image());
        } catch (IllegalStateException e) {
            next.destroy();
            brkStart = oldStart;
            brk = oldBrk;
            return -Errno.ENOMEM;
        }
        int sp = buildStack(next, elf, argv, environment);
        memory.destroy();
        memory = next;
        mmapNext = MMAP_BASE;
        enter(elf, sp);
        return 0;
    }

    /**
     * fork: a copy of this process, numbered {@code childPid}, whose registers are the caller's (the hart's now) with a0
     * = 0. Returns null if the copy does not fit in memory (RAM or the cgroup's memory.max).
     */
    LinuxProcess fork(int childPid) {
        LinuxProcess child;
        try {
            child = new LinuxProcess(machine, frames, childPid, new Setup(namespaces, group, sharedText, cwd));
        } catch (IllegalStateException e) {
            return null;
        }
        if (!memory.copyInto(child.memory)) {
            child.memory.destroy();
            return null;
        }
        child.files = files.copy();
        child.brkStart = brkStart;
        child.brk = brk;
        child.mmapNext = mmapNext;
        child.parent = this;
        child.host = host;
        children.add(child);
        return child;
    }

    private void loadSegments(AddressSpace memory, Image image) {
        long total = image.segments().stream().mapToLong(s -> s.memorySize()).sum();
        if (total > machine.bus.ramSize) {
            throw new IllegalStateException(String.format("%s needs %,d bytes for its segments but guest RAM has only "
                    + "%,d bytes", image.name(), total, machine.bus.ramSize));
        }
        java.util.Set<Integer> writablePages = new java.util.HashSet<>();
        for (Image.Segment s : image.segments()) {
            for (long a = s.address() & -PAGE & 0xFFFF_FFFFL; s.writable() && a < (s.address() & 0xFFFF_FFFFL)
                    + s.memorySize(); a += PAGE) {
                writablePages.add((int) (a >>> 12));
            }
        }
        int end = 0;
        for (Image.Segment s : image.segments()) {
            int permissions = AddressSpace.READ | (s.writable() ? AddressSpace.WRITE : 0)
                    | (s.executable() ? AddressSpace.EXECUTE : 0);
            boolean loaded = sharedText != null && !s.writable()
                    ? loadShared(memory, s, permissions, writablePages)
                    : loadPrivate(memory, s, permissions);
            if (!loaded) {
                throw new IllegalStateException(image.name() + ": not enough guest RAM to load the program ("
                        + (memory.outOfMemory() ? "memory.max of cgroup " + group.path() : machine.bus.ramSize
                        + " bytes") + ")");
            }
            end = Math.max(end, s.address() + s.memorySize());
        }
        brkStart = brk = (end + PAGE - 1) & -PAGE; // Linux starts the heap on the page after the program
    }

    private static boolean loadPrivate(AddressSpace memory, Image.Segment s, int permissions) {
        memory.reserve(s.address(), s.memorySize(), permissions);
        return memory.load(s.address(), s.bytes());
    }

    /** Read-only pages come from the shared text cache when another process loaded the same ones. */
    private boolean loadShared(AddressSpace memory, Image.Segment s, int permissions,
                               java.util.Set<Integer> writablePages) {
        long first = s.address() & -PAGE & 0xFFFF_FFFFL, end = (s.address() & 0xFFFF_FFFFL) + s.memorySize();
        for (long page = first; page < end; page += PAGE) {
            byte[] contents = new byte[PAGE];
            long from = Math.max(page, s.address() & 0xFFFF_FFFFL);
            long to = Math.min(page + PAGE, (s.address() & 0xFFFF_FFFFL) + s.bytes().length);
            if (to > from) {
                System.arraycopy(s.bytes(), (int) (from - (s.address() & 0xFFFF_FFFFL)), contents, (int) (from - page),
                        (int) (to - from));
            }
            int vpn = (int) (page >>> 12);
            int frame = writablePages.contains(vpn) ? 0 : sharedText.find((int) page, permissions, contents);
            if (frame != 0) {
                if (!memory.mapShared((int) page, frame, permissions)) {
                    return false;
                }
                continue;
            }
            memory.reserve((int) page, PAGE, permissions);
            byte[] part = java.util.Arrays.copyOfRange(contents, (int) (Math.max(page, s.address() & 0xFFFF_FFFFL)
                    - page), PAGE);
            if (!memory.load((int) Math.max(page, s.address() & 0xFFFF_FFFFL), part)) {
                return false;
            }
            if (!writablePages.contains(vpn)) {
                sharedText.remember((int) page, permissions, contents, memory.frameOf((int) page));
            }
        }
        return true;
    }

    /** The Linux process stack: strings at the top, then auxv, envp, argv and argc at sp (16-byte aligned). */
    private int buildStack(AddressSpace memory, Elf elf, List<String> argv, Map<String, String> environment) {
        memory.reserve(STACK_TOP - STACK_SIZE, STACK_SIZE, AddressSpace.READ | AddressSpace.WRITE);
        int top = STACK_TOP - 16;
        List<Integer> argPointers = new ArrayList<>(), envPointers = new ArrayList<>();
        for (String a : argv) {
            top = pushString(memory, top, a);
            argPointers.add(top);
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            top = pushString(memory, top, e.getKey() + "=" + e.getValue());
            envPointers.add(top);
        }
        int execfn = argPointers.isEmpty() ? 0 : argPointers.get(0);
        top = pushString(memory, top, "riscv32");
        int platform = top;
        top = (top - 16) & ~15;
        int random = top;
        byte[] randomBytes = new byte[16];
        new java.util.Random(pid).nextBytes(randomBytes);
        memory.write(random, randomBytes, 0, 16);

        int[][] auxv = {
                {3, elf.programHeaders()}, {4, elf.programHeaderSize()}, {5, elf.programHeaderCount()}, {6, PAGE},
                {7, 0}, {8, 0}, {9, elf.image().entry()}, {11, 0}, {12, 0}, {13, 0}, {14, 0}, {16, 0}, {17, 100},
                {23, 0}, {25, random}, {31, execfn}, {15, platform}, {0, 0}};
        int words = 1 + argPointers.size() + 1 + envPointers.size() + 1 + 2 * auxv.length;
        int sp = (top - 4 * words) & ~15;
        int at = sp;
        memory.writeInt(at, argPointers.size());
        at += 4;
        for (int p : argPointers) {
            memory.writeInt(at, p);
            at += 4;
        }
        at += 4; // NULL after argv (pages start zeroed)
        for (int p : envPointers) {
            memory.writeInt(at, p);
            at += 4;
        }
        at += 4;
        for (int[] pair : auxv) {
            memory.writeInt(at, pair[0]);
            memory.writeInt(at + 4, pair[1]);
            at += 8;
        }
        return sp;
    }

    private static int pushString(AddressSpace memory, int top, String s) {
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
        top -= bytes.length;
        memory.write(top, bytes, 0, bytes.length);
        return top;
    }

    /** Every trap of the process lands here (the machine gives M-mode traps to the host). */
    @Override
    public void trap(Machine m, int cause, int tval) {
        var hart = m.hart;
        if (Cause.isInterrupt(cause)) {
            return; // nothing is enabled in U-mode processes; a stray interrupt just returns
        }
        switch (cause) {
            case Cause.ECALL_FROM_U -> {
                hart.pc += 4;
                systemCalls.call(this, hart);
                return;
            }
            case Cause.INSTRUCTION_PAGE_FAULT, Cause.LOAD_PAGE_FAULT, Cause.STORE_PAGE_FAULT -> {
                int access = cause == Cause.INSTRUCTION_PAGE_FAULT ? Mmu.FETCH
                        : cause == Cause.LOAD_PAGE_FAULT ? Mmu.LOAD : Mmu.STORE;
                if (memory.faultIn(tval, access)) {
                    return; // demand paging: the instruction runs again and now finds its page
                }
                if (memory.takeOutOfMemory()) {
                    group.countOomKill();
                    kill(Signal.SIGKILL, String.format("out of memory: the OOM killer ended it at memory.max (%,d "
                            + "bytes) of cgroup %s, touching 0x%08x", group.memoryMax(), group.path(), tval));
                    return;
                }
            }
            default -> { }
        }
        kill(Signal.forTrap(cause), String.format("%s at 0x%08x", Cause.name(cause), tval));
    }

    /** Ends the process as a fatal signal would (the process is on the hart: its pc is reported). */
    public void kill(Signal signal, String why) {
        int pc = machine.hart.pc;
        String where = machine.symbolize(pc);
        end(signal.exitStatus(), signal.number, String.format("killed by %s (%s): %s, pc 0x%08x%s", signal,
                signal.description, why, pc, where == null ? "" : " (" + where + ")"));
    }

    /** Ends a process that is off the CPU with a signal sent to it (kill, the OOM killer, its namespace ending). */
    void signalled(Signal signal, String why) {
        end(signal.exitStatus(), signal.number, String.format("killed by %s (%s): %s", signal, signal.description, why));
    }

    void exit(int status) {
        end(status & 0xFF, (status & 0xFF) << 8, "exited with status " + (status & 0xFF));
    }

    private void end(int status, int linuxWaitStatus, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        waitStatus = linuxWaitStatus;
        if (linuxWaitStatus < 256 && linuxWaitStatus != 0) {
            killedBy = reason;
        }
        closeFiles();
        ending.ended(status, reason);
    }

    /** Who hears of this process's end instead of the machine stopping (a host kernel running many processes). */
    public void onEnd(Ending ending) {
        this.ending = ending;
    }

    private void closeFiles() {
        files.closeAll();
    }

    /** getpid: the process's number in its own PID namespace (1 for a container's first process). */
    public int localPid() {
        int local = namespaces.pid().localPid(pid);
        return local == 0 ? pid : local;
    }

    /** getppid: the parent's number in this process's PID namespace, or 0 if the parent is outside it (or gone). */
    public int parentPid() {
        return parent == null ? 0 : namespaces.pid().localPid(parent.pid);
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    /** The cgroup its memory is charged to, or null. */
    public ControlGroup group() {
        return group;
    }

    public String cwd() {
        return cwd;
    }

    public LinuxProcess parent() {
        return parent;
    }

    public boolean ended() {
        return ended;
    }

    /** Non-null if a signal ended the process. */
    public String killedBy() {
        return killedBy;
    }

    public Machine machine() {
        return machine;
    }

    public AddressSpace memory() {
        return memory;
    }

    /** The host pid (the number in the host's PID namespace). */
    public int pid() {
        return pid;
    }

    public int brk() {
        return brk;
    }

    public int framesInUse() {
        return frames.framesInUse();
    }
}
