package vmlab.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code docker run} that the lab has: a name, a host name, environment variables, limits (memory,
 * CPUs, pids), bind mounts and tmpfs mounts, a working directory, an entrypoint, detached or attached, and how long an
 * attached run may take in simulated time before the call returns with the container still running.
 * <pre>
 * host.run("corpus", new RunOptions().name("web").memory("2m").cpus(0.5).pidsLimit(16), "fib", "25")
 * </pre>
 */
public final class RunOptions {
    /** A bind mount: a host folder at a path in the container. */
    public record Volume(Path hostFolder, String containerPath, boolean readOnly) {
    }

    String name;
    String hostname;
    final Map<String, String> env = new LinkedHashMap<>();
    long memory = -1;
    double cpus = -1;
    long pidsLimit = -1;
    final List<Volume> volumes = new ArrayList<>();
    final List<String> tmpfs = new ArrayList<>();
    String workdir;
    List<String> entrypoint;
    boolean detach;
    Duration timeout = Duration.ofSeconds(2);
    Duration stopGrace = Duration.ofSeconds(10);

    public RunOptions name(String containerName) {
        if (containerName == null || !containerName.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new ContainerException(ContainerException.DAEMON, "Invalid container name (" + containerName
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        this.name = containerName;
        return this;
    }

    /** -h / --hostname. */
    public RunOptions hostname(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            throw new ContainerException(ContainerException.DAEMON, "invalid hostname '" + name + "'");
        }
        this.hostname = name;
        return this;
    }

    /** -e NAME=VALUE. */
    public RunOptions env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** -m / --memory in bytes. */
    public RunOptions memory(long bytes) {
        if (bytes < 4096) {
            throw new ContainerException(ContainerException.DAEMON,
                    "Minimum memory limit allowed is one page (4096 bytes), not " + bytes);
        }
        this.memory = bytes;
        return this;
    }

    /** -m / --memory as Docker writes it: "512k", "2m", "1g" or bytes. */
    public RunOptions memory(String size) {
        return memory(parseSize(size));
    }

    /** --cpus: a share of the one CPU (0.5 is half of it), enforced as cpu.max. */
    public RunOptions cpus(double share) {
        if (!(share >= 0.01) || share > 1) {
            throw new ContainerException(ContainerException.DAEMON, "range of CPUs is from 0.01 to 1.00, as there is "
                    + "only 1 CPU available");
        }
        this.cpus = share;
        return this;
    }

    /** --pids-limit. */
    public RunOptions pidsLimit(long max) {
        if (max < 1) {
            throw new ContainerException(ContainerException.DAEMON, "invalid pids limit " + max);
        }
        this.pidsLimit = max;
        return this;
    }

    /** -v HOST:CONTAINER[:ro]. */
    public RunOptions volume(Path hostFolder, String containerPath, boolean readOnly) {
        if (!containerPath.startsWith("/")) {
            throw new ContainerException(ContainerException.DAEMON, "invalid volume specification: '" + containerPath
                    + "': the path in the container must be absolute");
        }
        volumes.add(new Volume(hostFolder, containerPath, readOnly));
        return this;
    }

    /** -v as Docker writes it: "/host/folder:/data" or "/host/folder:/data:ro". */
    public RunOptions volume(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].matches("ro|rw"))) {
            throw new ContainerException(ContainerException.DAEMON, "invalid volume specification: '" + spec + "'");
        }
        return volume(Path.of(parts[0]), parts[1], parts.length == 3 && parts[2].equals("ro"));
    }

    /** --tmpfs PATH: an empty in-memory file system there. */
    public RunOptions tmpfs(String containerPath) {
        tmpfs.add(containerPath);
        return this;
    }

    /** -w / --workdir. */
    public RunOptions workdir(String directory) {
        this.workdir = directory;
        return this;
    }

    /** --entrypoint. */
    public RunOptions entrypoint(String... program) {
        this.entrypoint = List.of(program);
        return this;
    }

    /** -d: start it and return at once; it runs whenever the host runs. */
    public RunOptions detach() {
        this.detach = true;
        return this;
    }

    /** How much simulated time an attached run may take before the call returns with the container still running. */
    public RunOptions timeout(Duration simulated) {
        this.timeout = simulated;
        return this;
    }

    /** How long {@code stop} waits (simulated) after SIGTERM before it sends SIGKILL; Docker's default is 10 s. */
    public RunOptions stopTimeout(Duration simulated) {
        this.stopGrace = simulated;
        return this;
    }

    static long parseSize(String size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d{1,12})([bkmg]?)").matcher(size.strip());
        if (!m.matches()) {
            throw new ContainerException(ContainerException.DAEMON, "invalid size: '" + size + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }
}
