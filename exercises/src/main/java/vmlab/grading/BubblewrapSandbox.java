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
import java.util.concurrent.TimeUnit;

/**
 * Isolation of a submission's kernel by the operating system, with bubblewrap ({@code bwrap}): the JVM cannot be trusted to
 * police code it runs (and since JDK 24 it has no SecurityManager to try), so each kernel runs in namespaces of its own.
 * <ul>
 *   <li>a root with only the system ({@code /usr}, {@code /etc}, the JDK) and the class path, all read-only: no other
 *       submission, no source notebook, no home folder;</li>
 *   <li>a working directory and {@code /tmp} that are size-limited tmpfs, private to this kernel and gone when it ends;</li>
 *   <li>no network ({@code --unshare-net}: only a loopback of its own), its own PID namespace, {@code --die-with-parent};</li>
 *   <li>resource limits set inside with {@code prlimit}: memory (data segment), CPU seconds, processes and threads, file size.</li>
 * </ul>
 * The limits inside count only this sandbox's processes: the process count is kept per user namespace.
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
        List<String> probe = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent"));
        probe.addAll(systemMounts());
        probe.addAll(List.of("--", "prlimit", "--nproc=" + processes, "--", "true"));
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
    public List<String> wrap(List<String> command, int heapMb, Collection<String> readable, Collection<String> writable) {
        List<String> argv = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--die-with-parent", "--new-session",
                "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8",
                "--setenv", "HOME", WORKDIR));
        argv.addAll(systemMounts());
        argv.addAll(List.of("--size", Long.toString(bytes(diskMb)), "--tmpfs", "/tmp"));
        String java = System.getProperty("java.home");
        argv.addAll(List.of("--ro-bind", java, java));
        for (String path : readable) {
            argv.addAll(List.of("--ro-bind", path, path));
        }
        for (String path : writable) {
            argv.addAll(List.of("--bind", path, path));
        }
        argv.addAll(List.of("--size", Long.toString(bytes(diskMb)), "--tmpfs", WORKDIR, "--chdir", WORKDIR));
        // The root bwrap builds is a writable tmpfs without a size limit: seal it, so that only the two sized tmpfs and
        // /dev/shm (sized too) take writes.
        argv.addAll(List.of("--remount-ro", "/"));
        argv.addAll(List.of("--", "prlimit",
                "--data=" + bytes(heapMb + overheadMb),
                "--cpu=" + cpuSeconds,
                "--nproc=" + processes,
                "--fsize=" + bytes(diskMb),
                "--core=0",
                "--"));
        argv.addAll(command);
        return argv;
    }

    /** The read-only system: /usr and /etc, with /bin, /lib... as they are on the host (links on a merged-/usr system). */
    private static List<String> systemMounts() {
        List<String> mounts = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
                "--proc", "/proc", "--dev", "/dev", "--size", Long.toString(bytes(16)), "--tmpfs", "/dev/shm"));
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
