package vmlab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Isolation of a submission's kernel by the operating system, with bubblewrap ({@code bwrap}): the JVM cannot be trusted to
 * police code it runs (and since JDK 24 it has no SecurityManager to try), so each kernel runs in namespaces of its own.
 * <ul>
 *   <li>a root with only the system ({@code /usr}, {@code /etc}, the JDK) and the class path, all read-only: no other
 *       submission, no source notebook, no home folder;</li>
 *   <li>a working directory and {@code /tmp} that are size-limited tmpfs, private to this kernel and gone when it ends;</li>
 *   <li>no network ({@code --unshare-net}: only a loopback of its own), its own PID namespace, {@code --die-with-parent};</li>
 *   <li>resource limits set inside with {@code prlimit}: memory (data segment), CPU seconds, processes and threads (the tmpfs sizes
 *       bound the disk).</li>
 * </ul>
 * The limits inside count only this sandbox's processes: the process count is kept per user namespace. Root is the exception:
 * Linux never applies the process limit to uid 0, so a grader running as root (CI) starts the kernel as an unprivileged uid
 * of its own ({@link #user()}), without a user namespace, and hands it the files it needs.
 *
 * @param bwrap       the bubblewrap executable
 * @param cpuSeconds  CPU time the whole kernel may use, all cells together (RLIMIT_CPU: the kernel is killed beyond it)
 * @param processes   processes and threads in the sandbox (RLIMIT_NPROC; a kernel JVM itself uses about 40)
 * @param diskMb      size of the working directory, and of {@code /tmp} (each a tmpfs)
 * @param overheadMb  memory beyond the heap limit: the JVM's own code, metaspace and thread stacks
 */
public record BubblewrapSandbox(Path bwrap, int cpuSeconds, int processes, int diskMb, int overheadMb) {

    /** The working directory inside every sandbox: its parent, {@code /}, is read-only, so {@code ../x} cannot be written. */
    public static final String WORKDIR = "/submission";

    /** Limits that every lesson's solutions fit with room to spare (see docs/grading.md). */
    public static BubblewrapSandbox at(Path bwrap) {
        return new BubblewrapSandbox(bwrap, 600, 512, 64, 1024);
    }

    /** {@code bwrap} from the PATH, or {@code /usr/bin/bwrap} where it is usually installed. */
    public static Path defaultBwrap() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/bin/bwrap");
    }

    /**
     * Why no sandbox can start here, in one line, or empty if one can: tried for real, by running {@code true} in a sandbox
     * like the kernels' (a missing bwrap, a kernel without unprivileged user namespaces, macOS all fail here).
     */
    public Optional<String> unavailable() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("the grading sandbox needs Linux (bubblewrap and namespaces); this is " + System.getProperty("os.name"));
        }
        if (!Files.isExecutable(bwrap)) {
            return Optional.of("bubblewrap is not installed (no executable " + bwrap + "; on Debian: apt install bubblewrap)");
        }
        List<String> probe = new ArrayList<>(List.of(bwrap.toString()));
        OptionalInt user = user();
        probe.addAll(namespaces(user));
        probe.addAll(systemMounts());
        probe.add("--");
        probe.addAll(limits(user, 256));
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("bubblewrap did not start a sandbox within 20 s");
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of("bubblewrap cannot create a sandbox here: " + (said.isEmpty() ? "exit " + process.exitValue()
                    : said.lines().findFirst().orElse("")));
        } catch (IOException e) {
            return Optional.of("cannot run " + bwrap + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying bubblewrap");
        }
    }

    /**
     * The command that runs {@code command} in a sandbox whose working directory is {@link #WORKDIR} (an empty tmpfs), where
     * {@code readable} absolute paths (files or folders) are visible read-only at their own paths and
     * {@code writable} ones read-write (a placeholder such as {@code {connection_folder}} stays as it is), with the data segment limited to {@code heapMb} plus the overhead.
     */
    public List<String> wrap(List<String> command, OptionalInt user, int heapMb, Collection<String> readable,
                             Collection<String> writable) {
        List<String> argv = new ArrayList<>(List.of(bwrap.toString()));
        argv.addAll(namespaces(user));
        argv.addAll(List.of("--new-session", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8",
                "--setenv", "HOME", WORKDIR));
        argv.addAll(systemMounts());
        argv.addAll(List.of("--perms", "1777", "--size", Long.toString(bytes(diskMb)), "--tmpfs", "/tmp"));
        String java = System.getProperty("java.home");
        argv.addAll(List.of("--ro-bind", java, java));
        argv.addAll(parentFolders(readable, writable));
        for (String path : readable) {
            argv.addAll(List.of("--ro-bind", path, path));
        }
        for (String path : writable) {
            argv.addAll(List.of("--bind", path, path));
        }
        argv.addAll(List.of("--perms", "0777", "--size", Long.toString(bytes(diskMb)), "--tmpfs", WORKDIR, "--chdir", WORKDIR));
        // The root bwrap builds is a writable tmpfs without a size limit: seal it, so that only the two sized tmpfs and
        // /dev/shm (sized too) take writes.
        argv.addAll(List.of("--remount-ro", "/"));
        argv.add("--");
        argv.addAll(limits(user, heapMb + overheadMb));
        argv.addAll(command);
        return argv;
    }

    /**
     * The uid a sandbox runs as when the grader is root: a fresh unprivileged one per kernel, so that one kernel's fork bomb
     * does not use up another's processes. Empty when the grader is not root (the sandbox then keeps the grader's uid, in a
     * user namespace of its own, where the process limit counts only the sandbox's processes).
     */
    public OptionalInt user() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid == 0 ? OptionalInt.of(200_000 + new java.security.SecureRandom().nextInt(100_000)) : OptionalInt.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return OptionalInt.empty();
        }
    }

    private static List<String> namespaces(OptionalInt user) {
        List<String> namespaces = new ArrayList<>(user.isPresent()
                ? List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try")
                : List.of("--unshare-all"));
        namespaces.add("--die-with-parent");
        return namespaces;
    }

    private List<String> limits(OptionalInt user, long memoryMb) {
        List<String> limits = new ArrayList<>();
        user.ifPresent(uid -> limits.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--")));
        limits.addAll(List.of("prlimit",
                "--data=" + bytes(memoryMb),
                "--cpu=" + cpuSeconds,
                "--nproc=" + processes,
                "--core=0",
                "--"));
        return limits;
    }

    /** Gives the sandbox's uid (when it has one of its own) a file or folder of ours it must read or connect to. */
    public static void handOver(Path path, OptionalInt user) throws IOException {
        if (user.isPresent()) {
            Files.setAttribute(path, "unix:uid", user.getAsInt());
            Files.setAttribute(path, "unix:gid", user.getAsInt());
        }
    }

    /**
     * Folders on the way to the bound paths, made world-readable: bwrap running as root makes them 0700, and the kernel's uid
     * would not get through them. Their contents are only what is bound below them.
     */
    private static List<String> parentFolders(Collection<String> readable, Collection<String> writable) {
        List<String> bound = new ArrayList<>(readable);
        bound.addAll(writable);
        java.util.SortedSet<Path> parents = new java.util.TreeSet<>();
        for (String path : bound) {
            if (path.startsWith("{")) {
                continue; // a placeholder, filled in later; it lies directly in /tmp
            }
            for (Path parent = Path.of(path).getParent(); parent != null && parent.getParent() != null; parent = parent.getParent()) {
                Path folder = parent;
                boolean system = folder.startsWith("/usr") || folder.startsWith("/etc") || folder.equals(Path.of("/tmp"));
                boolean insideBound = bound.stream().anyMatch(b -> !b.startsWith("{") && folder.startsWith(Path.of(b)));
                if (!system && !insideBound) {
                    parents.add(folder);
                }
            }
        }
        List<String> dirs = new ArrayList<>();
        parents.forEach(folder -> dirs.addAll(List.of("--perms", "0755", "--dir", folder.toString())));
        return dirs;
    }

    /** The read-only system: /usr and /etc, with /bin, /lib... as they are on the host (links on a merged-/usr system). */
    private static List<String> systemMounts() {
        List<String> mounts = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
                "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", Long.toString(bytes(16)), "--tmpfs", "/dev/shm",
                // fonts for charts: without its cache, fontconfig would rebuild it on every chart
                "--ro-bind-try", "/var/cache/fontconfig", "/var/cache/fontconfig"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64")) {
            Path path = Path.of(top);
            try {
                if (Files.isSymbolicLink(path)) {
                    mounts.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), top));
                } else if (Files.isDirectory(path)) {
                    mounts.addAll(List.of("--ro-bind", top, top));
                }
            } catch (IOException unreadable) {
                // a top-level folder we cannot read is one the sandbox does without
            }
        }
        return mounts;
    }

    private static long bytes(long mb) {
        return mb * 1024 * 1024;
    }
}
