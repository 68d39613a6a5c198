package vmlab.client;

import vmlab.jupyter.ConnectionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kernel in a process of its own, started from a kernelspec-style argv in which {@code {connection_file}} stands for the
 * connection file we write. Its output goes to a log file, whose tail explains a kernel that died. Closing it shuts the kernel
 * down politely, then by force.
 *
 * <pre>{@code
 * try (KernelProcess kernel = KernelProcess.command(List.of("java", "-jar", "vmlab.jar", "kernel", "{connection_file}"))
 *         .directory(workDir).start()) {
 *     kernel.client().execute("1 + 1", Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class KernelProcess implements RunningKernel {

    private final Process process;
    private final Path folder;
    private final Path log;
    private final KernelClient client;
    private final AutoCloseable bridge;

    private KernelProcess(Process process, Path folder, Path log, KernelClient client, AutoCloseable bridge) {
        this.process = process;
        this.folder = folder;
        this.log = log;
        this.client = client;
        this.bridge = bridge;
    }

    /**
     * Something that must run on our side before the kernel starts and stop after it ends, given the folder that holds the
     * connection file and the ports in it: a sandboxed kernel's relay from our loopback ports to its own network namespace.
     */
    public interface Bridge {
        AutoCloseable open(Path folder, ConnectionInfo info) throws IOException;
    }

    /** Starts describing a kernel process; {@code argv} must contain {@code {connection_file}}. */
    public static Launch command(List<String> argv) {
        return new Launch(argv);
    }

    /** How to start a kernel process. */
    public static final class Launch {
        private final List<String> argv;
        private Path directory;
        private InterruptMode interruptMode = InterruptMode.SIGNAL;
        private final Map<String, String> environment = new HashMap<>();
        private KernelClient.Options options = KernelClient.Options.defaults();
        private Bridge bridge = (folder, info) -> () -> { };

        private Launch(List<String> argv) {
            if (argv.stream().noneMatch(arg -> arg.contains("{connection_file}"))) {
                throw new IllegalArgumentException("the kernel command must contain {connection_file}: " + argv);
            }
            this.argv = List.copyOf(argv);
        }

        /** The kernel's working directory (nbconvert uses the notebook's folder). */
        public Launch directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** How to interrupt it, from its kernelspec; Jupyter's default is SIGINT. */
        public Launch interruptMode(InterruptMode interruptMode) {
            this.interruptMode = interruptMode;
            return this;
        }

        public Launch environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Client options (timeouts); the process and the interrupt mode are filled in from this launch. */
        public Launch options(KernelClient.Options options) {
            this.options = options;
            return this;
        }

        /** A bridge opened before the kernel starts and closed after it; {@code {connection_folder}} in the command names its folder. */
        public Launch bridge(Bridge bridge) {
            this.bridge = bridge;
            return this;
        }

        /** Starts the process and connects to it; fails with the log's tail if the kernel dies or never answers. */
        public KernelProcess start() {
            Path folder;
            try {
                folder = Files.createTempDirectory("vmlab-kernel-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a folder for the kernel's connection file", e);
            }
            Path connectionFile = ConnectionInfo.loopback("").write(folder.resolve("connection.json"));
            ConnectionInfo info = ConnectionInfo.read(connectionFile);
            Path log = folder.resolve("kernel.log");
            List<String> command = new ArrayList<>();
            argv.forEach(arg -> command.add(arg.replace("{connection_file}", connectionFile.toString())
                    .replace("{connection_folder}", folder.toString())));
            AutoCloseable opened;
            try {
                opened = bridge.open(folder, info);
            } catch (IOException e) {
                deleteQuietly(folder);
                throw new KernelException("cannot open the kernel's bridge: " + e.getMessage());
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                closeQuietly(opened);
                deleteQuietly(folder);
                throw new KernelException("cannot start the kernel " + command + ": " + e.getMessage());
            }
            try {
                KernelClient client = KernelClient.connect(info, options.process(process).interruptMode(interruptMode));
                return new KernelProcess(process, folder, log, client, opened);
            } catch (KernelException e) {
                process.destroyForcibly();
                closeQuietly(opened);
                String tail = tail(log);
                deleteQuietly(folder);
                throw new KernelException(e.getMessage() + (tail.isBlank() ? "" : "; its last output:\n" + tail));
            }
        }
    }

    @Override
    public KernelClient client() {
        return client;
    }

    public Process process() {
        return process;
    }

    /** The last lines the kernel printed (its log), to explain a crash. */
    public String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Shuts the kernel down (shutdown_request), then SIGTERM, then SIGKILL, each after a short wait; removes its files. */
    @Override
    public void close() {
        try {
            if (process.isAlive() && client.isAlive()) {
                client.shutdown();
            }
            client.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(bridge);
            deleteQuietly(folder);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // a bridge whose kernel is gone has nothing left to carry
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "kernel process " + process.pid() + " (" + client.connectionInfo() + ")";
    }
}
