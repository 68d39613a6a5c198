package vmlab.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import vmlab.machine.Hart;

/**
 * The Linux system calls of a user-mode RV32 process, numbered as the RISC-V Linux ABI (asm-generic) numbers them and as
 * qemu-riscv32 implements them: number in a7, arguments in a0..a5, result (or a negated errno) in a0. An unknown number
 * returns -ENOSYS and is counted; nothing a guest passes can make the host fail.
 */
public final class SystemCalls {
    public static final int GETCWD = 17, IOCTL = 29, OPENAT = 56, CLOSE = 57, LSEEK = 62, READ = 63, WRITE = 64,
            READV = 65, WRITEV = 66, FSTAT = 80, EXIT = 93, EXIT_GROUP = 94, SET_TID_ADDRESS = 96, NANOSLEEP = 101,
            CLOCK_GETTIME = 113, SCHED_YIELD = 124, RT_SIGACTION = 134, RT_SIGPROCMASK = 135, UNAME = 160,
            GETTIMEOFDAY = 169, GETPID = 172, GETPPID = 173, GETUID = 174, GETEUID = 175, GETGID = 176, GETEGID = 177,
            GETTID = 178, BRK = 214, MUNMAP = 215, MMAP = 222, MPROTECT = 226, GETRANDOM = 278,
            CLOCK_GETTIME64 = 403, CLOCK_NANOSLEEP64 = 407,
            DUP = 23, DUP3 = 24, MKDIRAT = 34, UNLINKAT = 35, CHDIR = 49, PIPE2 = 59, KILL = 129, SETHOSTNAME = 161,
            CLONE = 220, EXECVE = 221, WAIT4 = 260, WAITID = 95;

    private static final Map<Integer, String> NAMES = new TreeMap<>(Map.ofEntries(
            Map.entry(GETCWD, "getcwd"), Map.entry(IOCTL, "ioctl"), Map.entry(OPENAT, "openat"), Map.entry(CLOSE, "close"),
            Map.entry(LSEEK, "lseek"), Map.entry(READ, "read"), Map.entry(WRITE, "write"), Map.entry(READV, "readv"),
            Map.entry(WRITEV, "writev"), Map.entry(FSTAT, "fstat"), Map.entry(EXIT, "exit"),
            Map.entry(EXIT_GROUP, "exit_group"), Map.entry(SET_TID_ADDRESS, "set_tid_address"),
            Map.entry(NANOSLEEP, "nanosleep"), Map.entry(CLOCK_GETTIME, "clock_gettime"),
            Map.entry(SCHED_YIELD, "sched_yield"), Map.entry(RT_SIGACTION, "rt_sigaction"),
            Map.entry(RT_SIGPROCMASK, "rt_sigprocmask"), Map.entry(UNAME, "uname"),
            Map.entry(GETTIMEOFDAY, "gettimeofday"), Map.entry(GETPID, "getpid"), Map.entry(GETPPID, "getppid"),
            Map.entry(GETUID, "getuid"), Map.entry(GETEUID, "geteuid"), Map.entry(GETGID, "getgid"),
            Map.entry(GETEGID, "getegid"), Map.entry(GETTID, "gettid"), Map.entry(BRK, "brk"),
            Map.entry(MUNMAP, "munmap"), Map.entry(MMAP, "mmap"), Map.entry(MPROTECT, "mprotect"),
            Map.entry(GETRANDOM, "getrandom"), Map.entry(CLOCK_GETTIME64, "clock_gettime64"),
            Map.entry(CLOCK_NANOSLEEP64, "clock_nanosleep_time64"), Map.entry(DUP, "dup"), Map.entry(DUP3, "dup3"),
            Map.entry(MKDIRAT, "mkdirat"), Map.entry(UNLINKAT, "unlinkat"), Map.entry(CHDIR, "chdir"),
            Map.entry(PIPE2, "pipe2"), Map.entry(KILL, "kill"), Map.entry(SETHOSTNAME, "sethostname"),
            Map.entry(CLONE, "clone"), Map.entry(EXECVE, "execve"), Map.entry(WAIT4, "wait4"), Map.entry(WAITID, "waitid")));

    /** What a call returns when it has to wait: the process has set {@code blockedOn}, and the call is restarted. */
    static final long BLOCKED = Long.MIN_VALUE;

    private static final int AT_FDCWD = -100;
    private static final int MAX_TRANSFER = 1 << 20;
    private final SecureRandom random = new SecureRandom();

    /** The name of a system call number, or "syscall N". */
    public static String name(int number) {
        return NAMES.getOrDefault(number, "syscall " + number);
    }

    /** Performs the system call the hart asks for and puts the result in a0. */
    void call(LinuxProcess p, Hart hart) {
        int[] x = hart.x;
        int number = x[17];
        int a0 = x[10], a1 = x[11], a2 = x[12], a3 = x[13], a4 = x[14], a5 = x[15];
        p.machine.counters.syscall(number, NAMES.containsKey(number));
        long result;
        try {
            result = dispatch(p, number, a0, a1, a2, a3, a4, a5);
        } catch (IOException e) {
            result = -Errno.EIO;
        }
        if (result == BLOCKED) {
            if (p.host != null) {
                hart.pc -= 4; // the kernel parks the task; woken, it runs the same ecall again
                return;
            }
            p.blockedOn = null;
            result = -Errno.EAGAIN; // alone on the machine nobody else could ever make progress for it
        }
        if (!p.machine.exited() && !p.ended) {
            x[10] = (int) result;
        }
    }

    private long dispatch(LinuxProcess p, int number, int a0, int a1, int a2, int a3, int a4, int a5) throws IOException {
        AddressSpace mem = p.memory;
        return switch (number) {
            case READ -> read(p, a0, a1, a2);
            case WRITE -> write(p, a0, a1, a2);
            case READV, WRITEV -> vector(p, number == READV, a0, a1, a2);
            case OPENAT -> open(p, a0, a1, a2);
            case CLOSE -> close(p, a0);
            case LSEEK -> llseek(p, a0, a1, a2, a3, a4);
            case FSTAT -> fstat(p, a0, a1);
            case IOCTL -> p.files.contains(a0) ? -Errno.ENOTTY : -Errno.EBADF;
            case EXIT, EXIT_GROUP -> {
                p.exit(a0);
                yield 0;
            }
            case BRK -> brk(p, a0);
            case MMAP -> mmap(p, a0, a1, a2, a3);
            case MUNMAP -> munmap(p, a0, a1);
            case MPROTECT -> {
                if ((a0 & 4095) != 0) {
                    yield -Errno.EINVAL;
                }
                mem.protect(a0, roundUp(a1), permissions(a2));
                yield 0;
            }
            case CLOCK_GETTIME -> clock(mem, a0, a1, false);
            case CLOCK_GETTIME64 -> clock(mem, a0, a1, true);
            case GETTIMEOFDAY -> {
                long micros = System.currentTimeMillis() * 1000;
                if (a0 != 0 && !(mem.writeInt(a0, (int) (micros / 1_000_000)) && mem.writeInt(a0 + 4,
                        (int) (micros % 1_000_000)))) {
                    yield -Errno.EFAULT;
                }
                yield a1 != 0 && !mem.writeLong(a1, 0) ? -Errno.EFAULT : 0;
            }
            case NANOSLEEP -> sleep(mem, a0, false);
            case CLOCK_NANOSLEEP64 -> (a1 & 1) != 0 ? -Errno.EINVAL : sleep(mem, a2, true);
            case GETPID, GETTID, SET_TID_ADDRESS -> p.localPid();
            case GETPPID -> p.parentPid();
            case GETUID, GETEUID, GETGID, GETEGID -> p.namespaces.user().uid();
            case DUP -> p.files.dup(a0);
            case DUP3 -> a2 != 0 && a2 != 0x80000 ? -Errno.EINVAL : p.files.dup3(a0, a1); // only O_CLOEXEC, ignored
            case PIPE2 -> ProcessCalls.pipe(p, a0);
            case CLONE -> ProcessCalls.clone(p, a0);
            case EXECVE -> ProcessCalls.execve(p, a0, a1, a2);
            case WAIT4 -> ProcessCalls.wait4(p, a0, a1, a2);
            case WAITID -> ProcessCalls.waitid(p, a0, a1, a2, a3);
            case KILL -> p.host == null ? -Errno.ENOSYS : p.host.kill(p, a0, a1);
            case SETHOSTNAME -> ProcessCalls.sethostname(p, a0, a1);
            case MKDIRAT, UNLINKAT, CHDIR -> FileCalls.call(p, number, a0, a1, a2);
            case SCHED_YIELD -> 0;
            case RT_SIGACTION, RT_SIGPROCMASK -> 0; // accepted; signals are never delivered to handlers
            case UNAME -> uname(p, mem, a0);
            case GETRANDOM -> {
                int length = Math.min(a1, MAX_TRANSFER);
                if (a1 < 0) {
                    yield -Errno.EINVAL;
                }
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                yield mem.write(a0, bytes, 0, length) ? length : -Errno.EFAULT;
            }
            case GETCWD -> {
                byte[] root = (p.cwd + "\0").getBytes(StandardCharsets.UTF_8);
                if (Integer.compareUnsigned(a1, root.length) < 0) {
                    yield -Errno.EINVAL;
                }
                yield mem.write(a0, root, 0, root.length) ? root.length : -Errno.EFAULT;
            }
            default -> -Errno.ENOSYS;
        };
    }

    private static int roundUp(int length) {
        return (int) (((length & 0xFFFF_FFFFL) + 4095) & ~4095L);
    }

    private long read(LinuxProcess p, int fd, int buffer, int count) throws IOException {
        OpenFile file = p.files.get(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        if (count < 0) {
            return -Errno.EINVAL;
        }
        byte[] bytes = new byte[Math.min(count, MAX_TRANSFER)];
        int n = file.read(bytes, bytes.length);
        if (n == OpenFile.WOULD_BLOCK) {
            p.blockedOn = file.waitQueue();
            return BLOCKED;
        }
        if (n > 0 && !p.memory.write(buffer, bytes, 0, n)) {
            return -Errno.EFAULT;
        }
        return n;
    }

    private long write(LinuxProcess p, int fd, int buffer, int count) throws IOException {
        OpenFile file = p.files.get(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        if (count < 0) {
            return -Errno.EINVAL;
        }
        byte[] bytes = new byte[Math.min(count, MAX_TRANSFER)];
        if (!p.memory.read(buffer, bytes, 0, bytes.length)) {
            return -Errno.EFAULT;
        }
        int n = file.write(bytes, bytes.length);
        if (n == OpenFile.WOULD_BLOCK) {
            p.blockedOn = file.waitQueue();
            return BLOCKED;
        }
        return n;
    }

    private long vector(LinuxProcess p, boolean reading, int fd, int iov, int count) throws IOException {
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        long total = 0;
        byte[] entry = new byte[8];
        for (int k = 0; k < count; k++) {
            if (!p.memory.read(iov + 8 * k, entry, 0, 8)) {
                return -Errno.EFAULT;
            }
            int base = (entry[0] & 0xFF) | (entry[1] & 0xFF) << 8 | (entry[2] & 0xFF) << 16 | (entry[3] & 0xFF) << 24;
            int length = (entry[4] & 0xFF) | (entry[5] & 0xFF) << 8 | (entry[6] & 0xFF) << 16 | (entry[7] & 0xFF) << 24;
            long n = reading ? read(p, fd, base, length) : write(p, fd, base, length);
            if (n == BLOCKED && total > 0) {
                p.blockedOn = null; // part is done: report it, as Linux does for a vector that would wait halfway
                return total;
            }
            if (n < 0) {
                return total > 0 ? total : n;
            }
            total += n;
            if (n < length) {
                break;
            }
        }
        return total;
    }

    private long open(LinuxProcess p, int dirfd, int pathAddress, int flags) throws IOException {
        String name = p.memory.readString(pathAddress, 4096);
        if (name == null) {
            return -Errno.EFAULT;
        }
        MountTable mounts = p.namespaces.mount();
        if (mounts.isEmpty()) {
            return -Errno.EACCES; // a process given no files at all
        }
        if (!name.startsWith("/") && dirfd != AT_FDCWD) {
            return -Errno.EINVAL; // directory descriptors are not supported
        }
        try {
            OpenFile file = mounts.open(p.cwd, name, OpenRequest.linux(flags));
            int fd = p.files.install(file);
            if (fd < 0) {
                file.close();
            }
            return fd;
        } catch (VfsException e) {
            return -e.errno();
        }
    }

    private long close(LinuxProcess p, int fd) {
        return p.files.close(fd);
    }

    /** On RV32, number 62 is {@code _llseek(fd, offset_high, offset_low, loff_t *result, whence)}, as in qemu. */
    private long llseek(LinuxProcess p, int fd, int high, int low, int result, int whence) throws IOException {
        OpenFile file = p.files.get(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        long position = file.seek((long) high << 32 | (low & 0xFFFF_FFFFL), whence);
        if (position < 0) {
            return position;
        }
        return p.memory.writeLong(result, position) ? 0 : -Errno.EFAULT;
    }

    /** fstat fills the asm-generic {@code struct stat64} (104 bytes), the layout qemu-riscv32 uses. */
    private long fstat(LinuxProcess p, int fd, int buffer) throws IOException {
        OpenFile file = p.files.get(fd);
        if (file == null) {
            return -Errno.EBADF;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(104).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 1).putLong(8, fd + 1L).putInt(16, file.mode()).putInt(20, 1).putInt(24, 1000).putInt(28, 1000);
        b.putLong(48, file.size()).putInt(56, 4096).putLong(64, (file.size() + 511) / 512);
        return p.memory.write(buffer, b.array(), 0, 104) ? 0 : -Errno.EFAULT;
    }

    private long brk(LinuxProcess p, int requested) {
        long want = requested & 0xFFFF_FFFFL;
        if (want < (p.brkStart & 0xFFFF_FFFFL) || want > LinuxProcess.MMAP_BASE) {
            return p.brk;
        }
        long oldTop = roundUp(p.brk) & 0xFFFF_FFFFL, newTop = roundUp(requested) & 0xFFFF_FFFFL;
        if (newTop > oldTop) {
            if (!p.memory.isFree((int) oldTop, (int) (newTop - oldTop))) {
                return p.brk;
            }
            p.memory.reserve((int) oldTop, (int) (newTop - oldTop), AddressSpace.READ | AddressSpace.WRITE);
        } else if (newTop < oldTop) {
            p.memory.release((int) newTop, (int) (oldTop - newTop));
        }
        p.brk = requested;
        return requested;
    }

    private static int permissions(int prot) {
        return ((prot & 1) != 0 ? AddressSpace.READ : 0) | ((prot & 2) != 0 ? AddressSpace.READ | AddressSpace.WRITE : 0)
                | ((prot & 4) != 0 ? AddressSpace.READ | AddressSpace.EXECUTE : 0);
    }

    /** Anonymous mmap (number 222 is mmap2 on RV32; the offset is in pages and unused here). */
    private long mmap(LinuxProcess p, int hint, int length, int prot, int flags) {
        if (length == 0) {
            return -Errno.EINVAL;
        }
        if ((flags & 0x20) == 0) {
            return -Errno.ENODEV; // file-backed mappings are not supported: read the file instead
        }
        long size = roundUp(length) & 0xFFFF_FFFFL;
        if (size == 0 || size > 0x4000_0000L) {
            return -Errno.ENOMEM;
        }
        boolean fixed = (flags & 0x10) != 0;
        if (fixed) {
            if ((hint & 4095) != 0 || (hint & 0xFFFF_FFFFL) + size > LinuxProcess.STACK_TOP - LinuxProcess.STACK_SIZE) {
                return -Errno.EINVAL;
            }
            p.memory.release(hint, (int) size);
            p.memory.reserve(hint, (int) size, permissions(prot));
            return hint;
        }
        long limit = (LinuxProcess.STACK_TOP - LinuxProcess.STACK_SIZE) & 0xFFFF_FFFFL;
        for (long start = p.mmapNext & 0xFFFF_FFFFL; start + size <= limit; start += 4096) {
            if (p.memory.isFree((int) start, (int) size)) {
                p.memory.reserve((int) start, (int) size, permissions(prot));
                p.mmapNext = (int) (start + size);
                return (int) start;
            }
        }
        for (long start = LinuxProcess.MMAP_BASE; start + size <= (p.mmapNext & 0xFFFF_FFFFL); start += 4096) {
            if (p.memory.isFree((int) start, (int) size)) { // wrap around to reuse unmapped holes
                p.memory.reserve((int) start, (int) size, permissions(prot));
                return (int) start;
            }
        }
        return -Errno.ENOMEM;
    }

    private long munmap(LinuxProcess p, int address, int length) {
        if ((address & 4095) != 0 || length == 0) {
            return -Errno.EINVAL;
        }
        p.memory.release(address, roundUp(length));
        return 0;
    }

    private long clock(AddressSpace mem, int clock, int buffer, boolean time64) {
        long nanos;
        switch (clock) {
            case 0, 8 -> { // CLOCK_REALTIME, CLOCK_REALTIME_ALARM
                java.time.Instant now = java.time.Instant.now();
                nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case 1, 2, 3, 4, 5, 6, 7, 9 -> nanos = System.nanoTime(); // monotonic and CPU-time clocks
            default -> {
                return -Errno.EINVAL;
            }
        }
        long seconds = nanos / 1_000_000_000L, rest = nanos % 1_000_000_000L;
        boolean ok = time64
                ? mem.writeLong(buffer, seconds) && mem.writeLong(buffer + 8, rest)
                : mem.writeInt(buffer, (int) seconds) && mem.writeInt(buffer + 4, (int) rest);
        return ok ? 0 : -Errno.EFAULT;
    }

    private long sleep(AddressSpace mem, int request, boolean time64) {
        byte[] b = new byte[16];
        if (!mem.read(request, b, 0, time64 ? 16 : 8)) {
            return -Errno.EFAULT;
        }
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long seconds = time64 ? buffer.getLong(0) : buffer.getInt(0);
        long nanos = time64 ? buffer.getLong(8) : buffer.getInt(4);
        if (seconds < 0 || nanos < 0 || nanos >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        try {
            Thread.sleep(Math.min(seconds, 3600) * 1000 + nanos / 1_000_000, (int) (nanos % 1_000_000));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the engine sees the flag and stops at its next check point
            return -Errno.EINTR;
        }
    }

    /** The kernel's release, the same for every process and container: they all run on this one kernel. */
    public static final String RELEASE = "6.1.0-vmlab";

    private long uname(LinuxProcess p, AddressSpace mem, int buffer) {
        String[] fields = {"Linux", p.namespaces.uts().hostname(), RELEASE, "#1 SMP VM Lab", "riscv32", "(none)"};
        byte[] b = new byte[65 * fields.length];
        for (int k = 0; k < fields.length; k++) {
            byte[] f = fields[k].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(f, 0, b, 65 * k, f.length);
        }
        return mem.write(buffer, b, 0, b.length) ? 0 : -Errno.EFAULT;
    }
}
