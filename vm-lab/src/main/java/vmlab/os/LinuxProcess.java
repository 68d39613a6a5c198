package vmlab.os;

import java.io.IOException;
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
    final AddressSpace memory;
    final FrameAllocator frames;
    final Map<Integer, OpenFile> files = new HashMap<>();
    final Path labDirectory;
    final int pid;
    int brkStart, brk;
    int mmapNext = MMAP_BASE;
    private final SystemCalls systemCalls = new SystemCalls();
    private String killedBy;
    /** Alone on the machine, a process's end stops the machine; under a host kernel, the kernel runs someone else. */
    private Ending ending;

    /** Hears that a process ended, by exit or by a fatal signal. */
    @FunctionalInterface
    public interface Ending {
        void ended(int status, String reason);
    }

    private LinuxProcess(Machine machine, FrameAllocator frames, Path labDirectory, int pid) {
        this.machine = machine;
        this.frames = frames;
        this.ending = machine::exit;
        this.memory = new AddressSpace(machine.bus, machine.mmu, frames);
        this.labDirectory = labDirectory == null ? null : labDirectory.toAbsolutePath().normalize();
        this.pid = pid;
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

    /**
     * Starts one of several processes that share a machine's RAM through one frame allocator (the time-sharing kernel's
     * case). The hart is set up for this process and its trap handler installed; a scheduler saves and restores the
     * hart around it. Each has its own {@code pid}.
     */
    public static LinuxProcess start(Machine machine, FrameAllocator frames, int pid, Elf elf, List<String> argv,
                                     Map<String, String> environment, Path labDirectory, Streams streams) {
        LinuxProcess process = new LinuxProcess(machine, frames, labDirectory, pid);
        process.files.put(0, OpenFile.input(streams.in()));
        process.files.put(1, OpenFile.output(streams.out()));
        process.files.put(2, OpenFile.output(streams.err()));
        process.loadSegments(elf.image());
        int sp = process.buildStack(elf, argv, environment);
        var hart = machine.hart;
        java.util.Arrays.fill(hart.x, 0);
        hart.x[2] = sp;
        hart.pc = elf.image().entry();
        hart.satp = process.memory.satp();
        hart.privilege = Privilege.USER;
        hart.mcounteren = 7; // user code may read cycle, time and instret, as under Linux
        hart.scounteren = 7;
        machine.setHostTrapHandler(process);
        machine.setProgramName(elf.image().name());
        machine.setSymbols(elf.image().symbols());
        return process;
    }

    private void loadSegments(Image image) {
        long total = image.segments().stream().mapToLong(s -> s.memorySize()).sum();
        if (total > machine.bus.ramSize) {
            throw new IllegalStateException(String.format("%s needs %,d bytes for its segments but guest RAM has only "
                    + "%,d bytes", image.name(), total, machine.bus.ramSize));
        }
        int end = 0;
        for (Image.Segment s : image.segments()) {
            int permissions = AddressSpace.READ | (s.writable() ? AddressSpace.WRITE : 0)
                    | (s.executable() ? AddressSpace.EXECUTE : 0);
            memory.reserve(s.address(), s.memorySize(), permissions);
            if (!memory.load(s.address(), s.bytes())) {
                throw new IllegalStateException(image.name() + ": not enough guest RAM to load the program ("
                        + machine.bus.ramSize + " bytes)");
            }
            end = Math.max(end, s.address() + s.memorySize());
        }
        brkStart = brk = (end + PAGE - 1) & -PAGE; // Linux starts the heap on the page after the program
    }

    /** The Linux process stack: strings at the top, then auxv, envp, argv and argc at sp (16-byte aligned). */
    private int buildStack(Elf elf, List<String> argv, Map<String, String> environment) {
        memory.reserve(STACK_TOP - STACK_SIZE, STACK_SIZE, AddressSpace.READ | AddressSpace.WRITE);
        int top = STACK_TOP - 16;
        List<Integer> argPointers = new ArrayList<>(), envPointers = new ArrayList<>();
        for (String a : argv) {
            top = pushString(top, a);
            argPointers.add(top);
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            top = pushString(top, e.getKey() + "=" + e.getValue());
            envPointers.add(top);
        }
        int execfn = argPointers.isEmpty() ? 0 : argPointers.get(0);
        top = pushString(top, "riscv32");
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

    private int pushString(int top, String s) {
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
            }
            default -> { }
        }
        kill(Signal.forTrap(cause), String.format("%s at 0x%08x", Cause.name(cause), tval));
    }

    /** Ends the process as a fatal signal would. */
    public void kill(Signal signal, String why) {
        int pc = machine.hart.pc;
        String where = machine.symbolize(pc);
        killedBy = String.format("killed by %s (%s): %s, pc 0x%08x%s", signal, signal.description, why, pc,
                where == null ? "" : " (" + where + ")");
        closeFiles();
        ending.ended(signal.exitStatus(), killedBy);
    }

    void exit(int status) {
        closeFiles();
        ending.ended(status & 0xFF, "exited with status " + (status & 0xFF));
    }

    /** Who hears of this process's end instead of the machine stopping (a host kernel running many processes). */
    public void onEnd(Ending ending) {
        this.ending = ending;
    }

    private void closeFiles() {
        for (OpenFile f : files.values()) {
            try {
                f.close();
            } catch (IOException ignored) {
                // the process is gone; a failing close of its file has no one left to tell
            }
        }
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
