package vmlab.os;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vmlab.machine.Elf;
import vmlab.machine.ElfFormatException;
import vmlab.machine.ElfLoader;

/**
 * The system calls that make and manage processes: {@code clone} (the fork subset), {@code execve}, {@code wait4},
 * {@code pipe2} and {@code sethostname}. Fork and kill need a kernel with a scheduler ({@link ProcessHost}); alone on a
 * machine they fail with ENOSYS.
 */
final class ProcessCalls {
    /** SIGCHLD in clone's flags: what fork passes. CLONE_VM | CLONE_VFORK is vfork, done here as a fork. */
    private static final int EXIT_SIGNAL_MASK = 0xFF, CLONE_VM = 0x100, CLONE_VFORK = 0x4000;
    private static final int WNOHANG = 1;
    private static final int MAX_PROGRAM = 16 << 20, MAX_ARGUMENTS = 256, MAX_STRING = 4096;

    private ProcessCalls() {
    }

    static long clone(LinuxProcess p, int flags) {
        if (p.host == null) {
            return -Errno.ENOSYS;
        }
        if ((flags & ~(EXIT_SIGNAL_MASK | CLONE_VM | CLONE_VFORK)) != 0) {
            return -Errno.EINVAL; // threads and new namespaces by clone are not part of the lab's fork subset
        }
        return p.host.fork(p);
    }

    static long execve(LinuxProcess p, int pathAddress, int argvAddress, int envpAddress) {
        String path = p.memory.readString(pathAddress, MAX_STRING);
        List<String> argv = strings(p, argvAddress);
        List<String> envp = strings(p, envpAddress);
        if (path == null || argv == null || envp == null) {
            return -Errno.EFAULT;
        }
        MountTable mounts = p.namespaces.mount();
        if (mounts.kind(p.cwd, path) == FileTree.Kind.DIRECTORY) {
            return -Errno.EACCES;
        }
        Elf elf;
        try {
            elf = ElfLoader.parse(mounts.readAll(p.cwd, path, MAX_PROGRAM), path);
        } catch (VfsException e) {
            return -e.errno();
        } catch (ElfFormatException | IllegalArgumentException e) {
            return -Errno.ENOEXEC;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : envp) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return p.exec(elf, argv, environment);
    }

    /** A NULL-terminated array of string pointers (argv, envp), or null on a bad address or too many entries. */
    private static List<String> strings(LinuxProcess p, int address) {
        List<String> list = new ArrayList<>();
        if (address == 0) {
            return list;
        }
        byte[] word = new byte[4];
        for (int k = 0; k <= MAX_ARGUMENTS; k++) {
            if (!p.memory.read(address + 4 * k, word, 0, 4)) {
                return null;
            }
            int pointer = (word[0] & 0xFF) | (word[1] & 0xFF) << 8 | (word[2] & 0xFF) << 16 | (word[3] & 0xFF) << 24;
            if (pointer == 0) {
                return list;
            }
            String s = p.memory.readString(pointer, MAX_STRING);
            if (s == null) {
                return null;
            }
            list.add(s);
        }
        return null;
    }

    /** wait4(pid, status, options, rusage): pid -1 is any child; rusage is not filled. (RV32 Linux itself has only waitid.) */
    static long wait4(LinuxProcess p, int pid, int statusAddress, int options) {
        if ((options & ~WNOHANG) != 0 || pid == 0 || pid < -1) {
            return -Errno.EINVAL; // process groups are not part of the lab
        }
        Object found = reap(p, pid, (options & WNOHANG) != 0);
        if (!(found instanceof Reaped reaped)) {
            return (Long) found;
        }
        if (statusAddress != 0 && !p.memory.writeInt(statusAddress, reaped.child().waitStatus)) {
            return -Errno.EFAULT;
        }
        return reaped.localPid();
    }

    /**
     * waitid(idtype, id, siginfo, options, rusage), how RV32 Linux waits: P_ALL (0) or P_PID (1), WEXITED (4) required,
     * WNOHANG (1) allowed. Fills si_signo = SIGCHLD, si_code (CLD_EXITED 1 or CLD_KILLED 2), si_pid and si_status.
     */
    static long waitid(LinuxProcess p, int idType, int id, int infoAddress, int options) {
        if ((options & 4) == 0 || (options & ~(4 | WNOHANG)) != 0 || (idType != 0 && idType != 1)) {
            return -Errno.EINVAL;
        }
        Object found = reap(p, idType == 0 ? -1 : id, (options & WNOHANG) != 0);
        byte[] info = new byte[128];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(info).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (found instanceof Reaped reaped) {
            LinuxProcess child = reaped.child();
            boolean exited = child.waitStatus >= 256 || child.waitStatus == 0;
            b.putInt(0, Signal.SIGCHLD.number).putInt(8, exited ? 1 : 2)
                    .putInt(12, reaped.localPid())
                    .putInt(16, child.namespaces.user().uid())
                    .putInt(20, exited ? child.waitStatus >> 8 : child.waitStatus);
        } else if ((Long) found != 0) {
            return (Long) found;
        }
        return infoAddress == 0 || p.memory.write(infoAddress, info, 0, info.length) ? 0 : -Errno.EFAULT;
    }

    private record Reaped(LinuxProcess child, int localPid) {
    }

    /**
     * The ended child {@code pid} (-1: any) of {@code p}, reaped (its pid is free again); or 0L (none ended yet, with
     * {@code noHang}), -ECHILD, or BLOCKED with {@code p} set to wait for its children.
     */
    private static Object reap(LinuxProcess p, int pid, boolean noHang) {
        boolean any = false;
        for (LinuxProcess child : p.children) {
            if (pid != -1 && p.namespaces.pid().localPid(child.pid) != pid) {
                continue;
            }
            any = true;
            if (child.ended) {
                p.children.remove(child);
                int local = p.namespaces.pid().localPid(child.pid);
                child.namespaces.pid().unregister(child.pid);
                return new Reaped(child, local);
            }
        }
        if (!any) {
            return (long) -Errno.ECHILD;
        }
        if (noHang) {
            return 0L;
        }
        p.blockedOn = p.childEvents;
        return SystemCalls.BLOCKED;
    }

    static long pipe(LinuxProcess p, int fdsAddress) {
        OpenFile[] ends = Pipe.open();
        int read = p.files.install(ends[0]);
        if (read < 0) {
            return read;
        }
        int write = p.files.install(ends[1]);
        if (write < 0) {
            p.files.close(read);
            return write;
        }
        if (!(p.memory.writeInt(fdsAddress, read) && p.memory.writeInt(fdsAddress + 4, write))) {
            p.files.close(read);
            p.files.close(write);
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** Only root of the process's own user namespace may rename its UTS namespace; the host's users are not root. */
    static long sethostname(LinuxProcess p, int nameAddress, int length) {
        if (!p.namespaces.user().isRoot()) {
            return -Errno.EPERM;
        }
        if (length < 0 || length > 64) {
            return -Errno.EINVAL;
        }
        byte[] bytes = new byte[length];
        if (!p.memory.read(nameAddress, bytes, 0, length)) {
            return -Errno.EFAULT;
        }
        try {
            p.namespaces.uts().setHostname(new String(bytes, StandardCharsets.UTF_8));
            return 0;
        } catch (IllegalArgumentException e) {
            return -Errno.EINVAL;
        }
    }
}
