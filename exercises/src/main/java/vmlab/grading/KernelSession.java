package vmlab.grading;

import vmlab.client.ExecutionResult;
import vmlab.client.InterruptMode;
import vmlab.client.KernelClient;
import vmlab.client.KernelProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A grading session on a VM Lab kernel JVM of its own, driven through the Jupyter client ({@link KernelClient}): the production
 * path of {@code vmlab grade}. The JVM's heap is limited by {@code -Xmx}; it runs in a {@link BubblewrapSandbox} whose only
 * writable folder is its working directory, and reaches the client through a {@link NamespaceRelay}. Without a sandbox
 * ({@code --no-sandbox}) it runs as a plain process, and every report says so. A cell
 * that outlives its timeout is interrupted (the kernel stops the cell's thread); if the kernel does not answer after that, it is
 * killed and the session is dead.
 */
public final class KernelSession implements GradingSession {

    private static final java.util.concurrent.atomic.LongAdder CPU_MILLIS = new java.util.concurrent.atomic.LongAdder();

    private final KernelProcess kernel;
    private final boolean sandboxed;
    private volatile boolean killed;

    private KernelSession(KernelProcess kernel, boolean sandboxed) {
        this.kernel = kernel;
        this.sandboxed = sandboxed;
    }

    /**
     * Kernels started as {@code bwrap ... java -Xmx.. -cp CLASSPATH MAIN kernel {connection_file}} in the given sandbox:
     * {@code classpath} is vmlab.jar when running from it, or the class path of a development build.
     */
    public static Launcher sandboxed(String classpath, String mainClass, BubblewrapSandbox sandbox) {
        return new Launcher(classpath, mainClass, List.of(), java.util.Optional.of(sandbox));
    }

    /** Kernels as plain processes, isolated by nothing but their heap limit and time limits: {@code --no-sandbox}. */
    public static Launcher unsandboxed(String classpath, String mainClass) {
        return new Launcher(classpath, mainClass, List.of(), java.util.Optional.empty());
    }

    /** What every report of a grading without sandbox says. */
    public static final String NO_SANDBOX_NOTE = "graded WITHOUT a sandbox (--no-sandbox): the submission's code could read, "
            + "write and reach the network with the grader's rights";

    /** Starts grading kernels; optionally all from one class-data-sharing archive, which halves a kernel's start-up. */
    public record Launcher(String classpath, String mainClass, List<String> jvmOptions,
                           java.util.Optional<BubblewrapSandbox> sandbox) implements GradingSession.Factory {

        @Override
        public java.util.Optional<String> isolationWarning() {
            return sandbox.isPresent() ? java.util.Optional.empty() : java.util.Optional.of(NO_SANDBOX_NOTE);
        }

        @Override
        public GradingSession start(Path workdir, int heapMb) {
            java.util.OptionalInt user = sandbox.map(BubblewrapSandbox::user).orElse(java.util.OptionalInt.empty());
            KernelProcess.Launch launch = KernelProcess.command(command(this, user, heapMb));
            if (sandbox.isPresent()) {
                launch.bridge((folder, info) -> NamespaceRelay.open(folder, info, user));
            }
            return new KernelSession(launch
                    .directory(workdir)
                    .interruptMode(InterruptMode.MESSAGE)
                    .options(KernelClient.Options.defaults().interruptGrace(Duration.ofSeconds(3))
                            .heartbeatTimeout(Duration.ofSeconds(30)))
                    .start(), sandbox.isPresent());
        }

        /**
         * A launcher whose kernels map the classes a grading kernel loads (JShell's compiler, the kernel, JUnit) from an archive
         * written once, here, by a kernel that compiles and runs one test cell and exits. If that fails, kernels start without.
         */
        public Launcher withClassDataSharing(Path folder) {
            Path archive = folder.toAbsolutePath().resolve("grading-kernel.jsa");
            Path workdir = folder.toAbsolutePath().resolve("cds-warmup");
            try {
                java.nio.file.Files.createDirectories(workdir);
                if (sandbox.isPresent()) {
                    // the warm-up kernel may run as a uid of its own (see BubblewrapSandbox.user()); it writes the archive here
                    java.nio.file.Files.setPosixFilePermissions(folder.toAbsolutePath(),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                }
                Launcher dumping = new Launcher(classpath, mainClass, append("-XX:ArchiveClassesAtExit=" + archive), sandbox);
                try (GradingSession kernel = dumping.start(workdir, Grader.DEFAULT_HEAP_MB)) {
                    HarnessCell warmup = HarnessCell.wrap("int x = java.util.List.of(1, 2).size();\nassertEquals(2, x);");
                    kernel.run("import java.util.*;\nint twice(int x) { return 2 * x; }", Duration.ofSeconds(60));
                    kernel.run(warmup.code, Duration.ofSeconds(60));
                }
                for (int i = 0; i < 100 && !java.nio.file.Files.exists(archive); i++) {
                    Thread.sleep(100); // the archive is written as the kernel exits
                }
                java.nio.file.Files.setPosixFilePermissions(folder.toAbsolutePath(),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                return java.nio.file.Files.exists(archive) ? new Launcher(classpath, mainClass, append("-XX:SharedArchiveFile=" + archive), sandbox)
                        : this;
            } catch (Exception e) {
                return this;
            }
        }

        private List<String> append(String option) {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add(option);
            return List.copyOf(options);
        }
    }

    static List<String> command(Launcher launcher, java.util.OptionalInt user, int heapMb) {
        List<String> jvm = javaCommand(launcher, heapMb);
        if (launcher.sandbox().isEmpty()) {
            jvm.add(launcher.mainClass());
            jvm.add("kernel");
            jvm.add("{connection_file}");
            return jvm;
        }
        // Inside, the relay's far end starts first, then the kernel; the connection folder is readable, nothing else of ours.
        jvm.add(SandboxedKernelMain.class.getName());
        jvm.add("{connection_folder}");
        jvm.add(launcher.mainClass());
        jvm.add("kernel");
        jvm.add("{connection_file}");
        List<String> readable = new ArrayList<>();
        List<String> writable = new ArrayList<>();
        for (String entry : launcher.classpath().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && java.nio.file.Files.exists(Path.of(entry))) {
                readable.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        readable.add("{connection_folder}");
        for (String option : launcher.jvmOptions()) {
            if (option.startsWith("-XX:SharedArchiveFile=")) {
                readable.add(Path.of(option.substring(option.indexOf('=') + 1)).toAbsolutePath().toString());
            } else if (option.startsWith("-XX:ArchiveClassesAtExit=")) {
                // only the warm-up kernel writes an archive, running our code, never a submission's
                writable.add(Path.of(option.substring(option.indexOf('=') + 1)).toAbsolutePath().getParent().toString());
            }
        }
        return launcher.sandbox().get().wrap(jvm, user, heapMb, readable, writable);
    }

    private static List<String> javaCommand(Launcher launcher, int heapMb) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-Xshare:auto");
        command.add("-Djava.awt.headless=true");
        command.addAll(launcher.jvmOptions());
        command.add("-cp");
        command.add(launcher.classpath());
        return command;
    }

    @Override
    public CellRun run(String code, Duration timeout) {
        if (!alive()) {
            return CellRun.dead("", "the kernel is gone");
        }
        ExecutionResult result = kernel.client().execute(code, timeout);
        if (killStrays() > THREADS_LEFT_RUNNING) {
            // The cell left hundreds of threads behind (they cannot be stopped from outside, and they hold the process limit
            // the next cells need), or processes that outrun the killing: end this kernel after this cell; the grader
            // replays the earlier cells in a fresh one.
            close();
        }
        String stdout = result.stdout();
        return switch (result.status()) {
            case OK -> CellRun.ok(stdout, result.resultText());
            case ERROR, ABORTED -> CellRun.error(stdout, result.errorName().orElse("error")
                    + result.errorValue().map(value -> ": " + value).orElse(""));
            case TIMED_OUT -> {
                if (result.kernelResponsive()) {
                    yield CellRun.timedOut(stdout, false);
                }
                close();
                yield CellRun.timedOut(stdout, true);
            }
            case KERNEL_DIED -> {
                close();
                yield CellRun.dead(stdout, "the kernel died" + (result.failure() == null ? "" : ": " + result.failure()));
            }
        };
    }

    /**
     * Kills every process the kernel JVM started (a cell's background job, a fork bomb), so that what one cell left running
     * cannot take the next cell's processes or threads (they share one process limit). Several rounds, for parents that fork
     * while we kill. The sandbox's PID namespace ends them all anyway when the kernel goes; this keeps cells apart.
     */
    private int killStrays() {
        ProcessHandle top = kernel.process().toHandle();
        // bwrap (ours) -> bwrap (pid 1 inside) -> the kernel JVM; unsandboxed, the process is the JVM itself.
        ProcessHandle init = sandboxed ? top.children().findFirst().orElse(null) : null;
        ProcessHandle jvm = sandboxed ? (init == null ? null : init.children().findFirst().orElse(null)) : top;
        if (jvm == null) {
            return 0;
        }
        // A process whose parent was killed is handed to the sandbox's pid 1, so it is no longer the JVM's descendant:
        // look under pid 1, and spare only the JVM itself.
        ProcessHandle root = init == null ? jvm : init;
        for (int round = 0; round < 50; round++) {
            List<ProcessHandle> strays = root.descendants().filter(p -> p.pid() != jvm.pid()).toList();
            if (strays.isEmpty()) {
                return threads(jvm.pid());
            }
            strays.forEach(ProcessHandle::destroyForcibly);
        }
        // Still forking after fifty rounds (a fork bomb): only ending the kernel, and with it its PID namespace, stops it.
        return root.descendants().anyMatch(p -> p.pid() != jvm.pid()) ? Integer.MAX_VALUE : threads(jvm.pid());
    }

    /** A kernel JVM runs about 40 threads of its own; a cell that leaves this many more behind has taken the kernel down. */
    private static final int THREADS_LEFT_RUNNING = 200;

    /** The number of threads of a process, from Linux's /proc; 0 where that cannot be read. */
    private static int threads(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).strip());
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // not Linux, or the process has just ended
        }
        return 0;
    }

    @Override
    public boolean alive() {
        return !killed && kernel.process().isAlive() && kernel.client().isAlive();
    }

    @Override
    public synchronized void close() {
        if (!killed) {
            kernel.process().info().totalCpuDuration().ifPresent(cpu -> CPU_MILLIS.add(cpu.toMillis()));
        }
        killed = true;
        kernel.close();
    }

    /** CPU time the kernels of this JVM used up to their close, all together: what a benchmark reports per submission. */
    public static double cpuSeconds() {
        return CPU_MILLIS.sum() / 1e3;
    }
}
