package vmlab.container;

import vmlab.filesystem.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.engine.Engine;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.html.HtmlTable;
import vmlab.html.HtmlText;
import vmlab.machine.Elf;
import vmlab.machine.ElfFormatException;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;
import vmlab.os.ControlGroup;
import vmlab.os.CpuClock;
import vmlab.os.FileTree;
import vmlab.os.HostFolder;
import vmlab.os.HostOs;
import vmlab.os.LinuxProcess;
import vmlab.os.MemoryTree;
import vmlab.os.MountTable;
import vmlab.os.Namespaces;
import vmlab.os.OverlayTree;
import vmlab.os.Signal;
import vmlab.os.SystemCalls;
import vmlab.os.Task;
import vmlab.os.TaskState;
import vmlab.os.VfsException;

/**
 * A container host, the lab's Docker: one host kernel ({@link HostOs}) on one lab machine, the images it knows, and
 * the containers it runs, with Docker's verbs ({@code run}, {@code exec}, {@code ps}, {@code logs}, {@code stop},
 * {@code kill}, {@code rm}, {@code images}, {@code rmi}, {@code inspect}, {@code stats}, {@code cp}).
 * <pre>
 * var docker = Lab.containers();
 * docker.run("corpus", "hello")                      // attached: runs until it exits
 * docker.run("corpus", new RunOptions().detach().name("sleeper"), "idle")
 * docker.ps()
 * </pre>
 * The machine runs only when the host is asked to: an attached run, {@code exec}, {@code stop}, or {@link #advance}.
 * Detached containers make progress then, all on the same kernel.
 */
public final class ContainerHost {
    /** 10 MHz: 1 simulated second is 10 million instructions; cpu.max's default period (100,000 cycles) is 10 ms. */
    public static final CpuClock CLOCK = new CpuClock(10_000_000);
    /** Host uid that container root is mapped to, as rootless Docker does. */
    public static final int ROOT_MAPPED_TO = 100_000;
    private static final long STEP = 100_000;
    private static final int MAX_PROGRAM = 16 << 20, MAX_COPY = 64 << 20;

    private final HostOs kernel;
    private final Map<String, ImageSource> images = new LinkedHashMap<>();
    private final List<Container> containers = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private long upperLayerSize = 64L << 20;
    private Set<String> namesTakenElsewhere = Set.of();

    private ContainerHost(int ramBytes, Engine engine) {
        this.kernel = new HostOs(new Machine(ramBytes), engine, CLOCK).quantum(10_000);
    }

    /** A host with 64 MiB of guest RAM, the reference interpreter, and the corpus image. */
    public static ContainerHost create() {
        return create(64, ReferenceInterpreter::new);
    }

    /** A host with {@code ramMiB} MiB of guest RAM running on {@code engine}, with the corpus image. */
    public static ContainerHost create(int ramMiB, Supplier<Engine> engine) {
        if (ramMiB < 1 || ramMiB > 1024) {
            throw new IllegalArgumentException("RAM must be between 1 and 1024 MiB, not " + ramMiB);
        }
        ContainerHost host = new ContainerHost(ramMiB << 20, engine.get());
        host.load(LocalImage.corpus());
        return host;
    }

    // ---- images ---------------------------------------------------------------------------------------------------------

    /** docker load / tag: makes {@code image} runnable by its reference (replacing an image of the same name). */
    public ContainerHost load(ImageSource image) {
        images.put(image.reference(), image);
        return this;
    }

    /** docker images. */
    public List<ImageSource> images() {
        return List.copyOf(images.values());
    }

    public ImageSource image(String reference) {
        ImageSource image = images.get(LocalImage.normalize(reference));
        if (image == null) {
            throw new ContainerException(ContainerException.DAEMON, "Unable to find image '"
                    + LocalImage.normalize(reference) + "' locally");
        }
        return image;
    }

    /** docker rmi: refused while a container (even a stopped one) uses the image. */
    public ContainerHost rmi(String reference) {
        ImageSource image = images.get(LocalImage.normalize(reference));
        if (image == null) {
            throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: No such image: "
                    + LocalImage.normalize(reference));
        }
        for (Container c : containers) {
            if (c.image() == image) {
                throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: conflict: unable "
                        + "to remove repository reference \"" + image.reference() + "\" (must force) - container "
                        + c.shortId() + " is using its referenced image " + image.id());
            }
        }
        images.remove(image.reference());
        return this;
    }

    // ---- running --------------------------------------------------------------------------------------------------------

    /** docker run IMAGE [ARGS...], attached. */
    public Container run(String image, String... args) {
        return run(image, new RunOptions(), args);
    }

    /** docker run [OPTIONS] IMAGE [ARGS...]: attached (returns when it exits or the timeout passes) or detached. */
    public Container run(String image, RunOptions options, String... args) {
        Container c = start(create(image, options, args));
        if (!options.detach) {
            waitFor(c, options.timeout);
        }
        return c;
    }

    /** docker create: a container with its file system, namespaces and cgroup, not started yet. */
    public Container create(String imageReference, RunOptions options, String... args) {
        ImageSource image = image(imageReference);
        String id = HexFormat.of().formatHex(randomBytes());
        String name = options.name != null ? options.name : generatedName();
        for (Container other : containers) {
            if (other.name().equals(name)) {
                throw new ContainerException(ContainerException.DAEMON, "Conflict. The container name \"/" + name
                        + "\" is already in use by container \"" + other.id() + "\". You have to remove (or rename) "
                        + "that container to be able to reuse that name.");
            }
        }
        ImageConfig config = image.config();
        if (options.entrypoint != null) {
            config = new ImageConfig(options.entrypoint, List.of(), config.env(), config.workingDir(), config.labels());
        }
        List<String> commandLine = config.commandLine(List.of(args));
        if (commandLine.isEmpty()) {
            throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: No command specified");
        }
        MemoryTree upper = new MemoryTree(upperLayerSize);
        OverlayTree rootfs = new OverlayTree(image.layers(), upper);
        MountTable mounts = new MountTable().mount("/", rootfs, false);
        for (RunOptions.Volume v : options.volumes) {
            if (!Files.isDirectory(v.hostFolder())) {
                throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: invalid mount "
                        + "config for type \"bind\": bind source path does not exist: " + v.hostFolder());
            }
            mounts.mount(v.containerPath(), new HostFolder(v.hostFolder(), v.readOnly()), v.readOnly());
        }
        for (String path : options.tmpfs) {
            mounts.mount(path, new MemoryTree(), false);
        }
        ControlGroup group = kernel.rootGroup().child("docker-" + id.substring(0, 12));
        if (options.memory > 0) {
            group.memoryMax(options.memory);
        }
        if (options.cpus > 0) {
            group.cpuMax(options.cpus);
        }
        if (options.pidsLimit > 0) {
            group.pidsMax(options.pidsLimit);
        }
        String hostname = options.hostname != null ? options.hostname : id.substring(0, 12);
        Namespaces namespaces = kernel.hostNamespaces().isolated(id.substring(0, 12), mounts, hostname, ROOT_MAPPED_TO);
        Container c = new Container(id, name, image, commandLine, namespaces, group, rootfs, upper, mounts, options);
        containers.add(c);
        return c;
    }

    /** docker start: PID 1 of the container begins (the exit status 126/127 cases of Docker are refused here). */
    public Container start(Container c) {
        if (c.init != null) {
            throw new ContainerException(ContainerException.DAEMON, "container " + c.shortId() + " was already started");
        }
        long begin = System.nanoTime();
        try {
            c.init = launch(c, c.commandLine(), c.log);
        } catch (ContainerException e) {
            c.error = e.getMessage();
            throw e;
        }
        c.startNanos = System.nanoTime() - begin;
        c.started = Instant.now();
        c.startedCycle = kernel.now();
        return c;
    }

    /** Reads the program from the container's own files, and starts it in the container's namespaces and cgroup. */
    private Task launch(Container c, List<String> commandLine, OutputStream output) {
        ImageConfig config = c.image().config();
        Map<String, String> env = new LinkedHashMap<>(config.env());
        env.putIfAbsent("PATH", ImageConfig.DEFAULT_PATH);
        env.put("HOSTNAME", c.hostname());
        env.putAll(c.options.env);
        String workdir = c.options.workdir != null ? c.options.workdir : config.workingDir();
        MountTable mounts = c.mounts();
        try {
            if (mounts.kind("/", workdir) == null) {
                makeDirectories(mounts, workdir); // Docker creates a missing working directory
            }
        } catch (VfsException e) {
            throw new ContainerException(ContainerException.DAEMON, "cannot create the working directory " + workdir
                    + ": " + e.getMessage());
        }
        String program = commandLine.get(0);
        String path = findProgram(mounts, workdir, program, env.get("PATH"));
        if (mounts.kind(workdir, path) == FileTree.Kind.DIRECTORY) {
            throw new ContainerException(ContainerException.CANNOT_INVOKE, "exec: \"" + program
                    + "\": permission denied (it is a directory)");
        }
        Elf elf;
        try {
            elf = ElfLoader.parse(mounts.readAll(workdir, path, MAX_PROGRAM), program);
        } catch (VfsException e) {
            throw new ContainerException(ContainerException.CANNOT_INVOKE, "exec: \"" + program + "\": " + e.getMessage());
        } catch (ElfFormatException | IllegalArgumentException e) {
            throw new ContainerException(ContainerException.CANNOT_INVOKE, "exec: \"" + program
                    + "\": exec format error (" + e.getMessage() + ")");
        }
        try {
            return kernel.spawn(c.name(), elf, commandLine, env, new LinuxProcess.Setup(c.namespaces(), c.cgroup(),
                    null, "/" + MountTable.normalize("/", workdir)), null, output, output);
        } catch (IllegalStateException e) {
            throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: failed to create task "
                    + "for container: " + e.getMessage());
        }
    }

    private static String findProgram(MountTable mounts, String workdir, String program, String pathVariable) {
        if (program.contains("/")) {
            if (mounts.kind(workdir, program) == null) {
                throw new ContainerException(ContainerException.NOT_FOUND, "exec: \"" + program
                        + "\": stat " + program + ": no such file or directory");
            }
            return program;
        }
        for (String directory : (pathVariable == null ? ImageConfig.DEFAULT_PATH : pathVariable).split(":")) {
            String candidate = directory + "/" + program;
            if (!directory.isEmpty() && mounts.kind(workdir, candidate) == FileTree.Kind.FILE) {
                return candidate;
            }
        }
        throw new ContainerException(ContainerException.NOT_FOUND, "exec: \"" + program
                + "\": executable file not found in $PATH");
    }

    private static void makeDirectories(MountTable mounts, String path) throws VfsException {
        String normalized = MountTable.normalize("/", path);
        String so = "";
        for (String name : normalized.isEmpty() ? new String[0] : normalized.split("/")) {
            so = so + "/" + name;
            if (mounts.kind("/", so) == null) {
                mounts.makeDirectory("/", so);
            }
        }
    }

    /** What docker exec gives back: the process, what it printed, and its exit status. */
    public record ExecResult(Task task, String output) {
        public int exitCode() {
            return task.exitStatus();
        }

        @Override
        public String toString() {
            return output + (task.state() == TaskState.FINISHED ? "(" + task.endReason() + ")" : "(still running)");
        }
    }

    /** docker exec CONTAINER COMMAND...: another process in the container's namespaces and cgroup, attached. */
    public ExecResult exec(String container, String... command) {
        Container c = container(container);
        if (!c.running()) {
            throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: container "
                    + c.id() + " is not running");
        }
        if (command.length == 0) {
            throw new ContainerException(ContainerException.DAEMON, "exec needs a command");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Task task = launch(c, List.of(command), out);
        c.execs.add(task);
        kernel.runWhile(() -> task.state() != TaskState.FINISHED, STEP, CLOCK.cycles(c.options.timeout));
        return new ExecResult(task, out.toString(StandardCharsets.UTF_8));
    }

    /** Lets every running container run for {@code simulated} time. */
    public ContainerHost advance(Duration simulated) {
        kernel.runUntil(kernel.now() + CLOCK.cycles(simulated), vmlab.os.ProgressListener.NONE);
        return this;
    }

    /** Runs the host until {@code c} exits or {@code limit} of simulated time passes; true if it exited. */
    public boolean waitFor(Container c, Duration limit) {
        Stop stop = kernel.runWhile(c::running, STEP, CLOCK.cycles(limit));
        return stop == Stop.EXITED;
    }

    // ---- managing -------------------------------------------------------------------------------------------------------

    /** The container with this name, full id, or unique id prefix. */
    public Container container(String nameOrId) {
        List<Container> matches = containers.stream().filter(c -> c.name().equals(nameOrId) || c.id().equals(nameOrId))
                .toList();
        if (matches.isEmpty() && nameOrId != null && nameOrId.length() >= 1) {
            matches = containers.stream().filter(c -> c.id().startsWith(nameOrId)).toList();
        }
        if (matches.size() != 1) {
            throw new ContainerException(ContainerException.DAEMON, matches.isEmpty()
                    ? "Error response from daemon: No such container: " + nameOrId
                    : "Error response from daemon: multiple IDs found with provided prefix: " + nameOrId);
        }
        return matches.get(0);
    }

    /** docker ps: the running containers. */
    public Table ps() {
        return listing(containers.stream().filter(Container::running).toList());
    }

    /** docker ps -a: every container. */
    public Table psAll() {
        return listing(containers);
    }

    public List<Container> containers() {
        return List.copyOf(containers);
    }

    private static Table listing(List<Container> list) {
        StringColumn id = StringColumn.create("CONTAINER ID"), image = StringColumn.create("IMAGE"),
                command = StringColumn.create("COMMAND"), status = StringColumn.create("STATUS"),
                names = StringColumn.create("NAMES");
        IntColumn pid = IntColumn.create("PID (host)");
        for (Container c : list) {
            id.append(c.shortId());
            image.append(c.image().reference());
            command.append("\"" + String.join(" ", c.commandLine()) + "\"");
            status.append(c.status());
            pid.append(c.hostPid());
            names.append(c.name());
        }
        return Table.create("containers", id, image, command, status, pid, names);
    }

    /** docker logs. */
    public String logs(String container) {
        return container(container).logs();
    }

    /**
     * docker stop: SIGTERM to PID 1, and SIGKILL if it is still running after the grace period (simulated). PID 1 of a
     * namespace ignores signals it has no handler for, and the lab's programs have none, so a stop usually ends with
     * SIGKILL after the grace period (exit status 137), as for a Docker container whose PID 1 is a shell script.
     */
    public Container stop(String container) {
        Container c = container(container);
        if (c.running()) {
            kernel.kill(c.init, Signal.SIGTERM, "docker stop");
            if (!waitFor(c, c.options.stopGrace)) {
                kernel.kill(c.init, Signal.SIGKILL, "docker stop: still running after the grace period");
            }
        }
        return c;
    }

    /** docker kill: SIGKILL to PID 1 (the namespace's other processes die with it). */
    public Container kill(String container) {
        return kill(container, Signal.SIGKILL);
    }

    /** docker kill --signal. */
    public Container kill(String container, Signal signal) {
        Container c = container(container);
        if (!c.running()) {
            throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: cannot kill container: "
                    + c.name() + ": container " + c.id() + " is not running");
        }
        kernel.kill(c.init, signal, "docker kill");
        return c;
    }

    /** docker rm: refused for a running container unless {@code force} (which kills it first). */
    public ContainerHost rm(String container, boolean force) {
        Container c = container(container);
        if (c.running()) {
            if (!force) {
                throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: You cannot remove "
                        + "a running container " + c.id() + ". Stop the container before attempting removal or force "
                        + "remove");
            }
            kernel.kill(c.init, Signal.SIGKILL, "docker rm -f");
        }
        containers.remove(c);
        return this;
    }

    public ContainerHost rm(String container) {
        return rm(container, false);
    }

    /** docker inspect: the container's configuration and state, as JSON. */
    public String inspect(String container) {
        Container c = container(container);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", c.state().word());
        state.put("Running", c.running());
        state.put("OOMKilled", c.oomKilled());
        state.put("Pid", c.hostPid());
        state.put("ExitCode", Math.max(c.exitCode(), 0));
        state.put("Error", c.error == null ? (c.endReason() == null ? "" : c.endReason()) : c.error);
        Map<String, Object> limits = new LinkedHashMap<>(c.cgroup().files());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("Id", c.id());
        all.put("Name", "/" + c.name());
        all.put("Created", c.created().toString());
        all.put("Path", c.commandLine().get(0));
        all.put("Args", c.commandLine().subList(1, c.commandLine().size()));
        all.put("State", state);
        all.put("Image", c.image().reference());
        all.put("Hostname", c.hostname());
        all.put("Mounts", c.mounts().mounts().stream().map(Object::toString).toList());
        all.put("Cgroup", c.cgroup().path());
        all.put("CgroupFiles", limits);
        all.put("UidMap", c.namespaces().user().uidMap());
        all.put("KernelRelease", SystemCalls.RELEASE);
        return InspectJson.write(all);
    }

    /** docker stats --no-stream: each running container's CPU, memory and pids, from its cgroup. */
    public Table stats() {
        StringColumn id = StringColumn.create("CONTAINER ID"), name = StringColumn.create("NAME");
        DoubleColumn cpu = DoubleColumn.create("CPU %");
        LongColumn memory = LongColumn.create("MEM USAGE (bytes)"), limit = LongColumn.create("MEM LIMIT (bytes)");
        LongColumn pids = LongColumn.create("PIDS"), oom = LongColumn.create("OOM KILLS"),
                throttled = LongColumn.create("THROTTLED PERIODS");
        long ram = kernel.machine().bus.ramSize;
        for (Container c : containers) {
            if (!c.running()) {
                continue;
            }
            ControlGroup g = c.cgroup();
            long elapsed = Math.max(1, kernel.now() - c.startedCycle);
            id.append(c.shortId());
            name.append(c.name());
            cpu.append(Math.round(1000.0 * g.cpuUsage() / elapsed) / 10.0);
            memory.append(g.memoryCurrent());
            limit.append(g.memoryMax() == ControlGroup.MAX ? ram : Math.min(ram, g.memoryMax()));
            pids.append(g.pidsCurrent());
            oom.append(g.oomKills());
            throttled.append(g.throttledPeriods());
        }
        return Table.create("stats", id, name, cpu, memory, limit, pids, oom, throttled);
    }

    /**
     * docker cp: copies one file between the host and a container, in either direction; the container side is written
     * as "CONTAINER:/path". Writing into a container changes only its upper layer (or a read-write volume).
     */
    public ContainerHost cp(String source, String destination) {
        boolean fromContainer = source.contains(":") && !destination.contains(":");
        boolean toContainer = destination.contains(":") && !source.contains(":");
        if (!fromContainer && !toContainer) {
            throw new ContainerException(ContainerException.DAEMON, "copying between containers or between host paths "
                    + "is not supported: one side must be CONTAINER:PATH");
        }
        try {
            if (fromContainer) {
                String[] at = source.split(":", 2);
                byte[] bytes = container(at[0]).mounts().readAll("/", at[1], MAX_COPY);
                Path target = Path.of(destination);
                if (Files.isDirectory(target)) {
                    target = target.resolve(FileTree.nameOf(MountTable.normalize("/", at[1])));
                }
                AtomicFile.write(target, bytes);
            } else {
                String[] at = destination.split(":", 2);
                Path file = Path.of(source);
                if (!Files.isRegularFile(file) || Files.size(file) > MAX_COPY) {
                    throw new ContainerException(ContainerException.DAEMON, "Error: " + source
                            + " is not a regular file of at most " + MAX_COPY + " bytes");
                }
                MountTable mounts = container(at[0]).mounts();
                String target = at[1].endsWith("/") || mounts.kind("/", at[1]) == FileTree.Kind.DIRECTORY
                        ? at[1] + "/" + file.getFileName() : at[1];
                vmlab.os.OpenFile out = mounts.open("/", target, vmlab.os.OpenRequest.CREATE);
                byte[] bytes = Files.readAllBytes(file);
                int n = out.write(bytes, bytes.length);
                out.close();
                if (n < 0) {
                    throw new VfsException(-n, "cannot write " + target);
                }
            }
        } catch (VfsException e) {
            throw new ContainerException(ContainerException.DAEMON, "Error response from daemon: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    // ---- the host itself -------------------------------------------------------------------------------------------------

    /** The one kernel every container runs on. */
    public HostOs os() {
        return kernel;
    }

    /** uname -r: the same in every container. */
    public String kernelRelease() {
        return SystemCalls.RELEASE;
    }

    /** Guest RAM in use, in bytes (the kernel's frames: page tables, pages, shared text). */
    public long memoryInUse() {
        return (long) kernel.framesInUse() * 4096;
    }

    /** The size of each new container's upper layer (a tmpfs); 64 MiB by default. */
    public ContainerHost upperLayerSize(long bytes) {
        this.upperLayerSize = bytes;
        return this;
    }

    private byte[] randomBytes() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    private static final String[] ADJECTIVES = {"quiet", "brave", "eager", "lucid", "nimble", "sharp", "witty", "calm"};
    private static final String[] SCIENTISTS = {"corbato", "strachey", "popek", "goldberg", "kamp", "menage", "ritchie",
            "thompson"};

    private String generatedName() {
        while (true) {
            String n = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "_" + SCIENTISTS[random.nextInt(SCIENTISTS.length)];
            String candidate = nameTaken(n) ? n + "_" + random.nextInt(1000) : n;
            if (!nameTaken(candidate)) {
                return candidate;
            }
        }
    }

    private boolean nameTaken(String name) {
        return namesTakenElsewhere.contains(name) || containers.stream().anyMatch(c -> c.name().equals(name));
    }

    /**
     * Names a generated container name must avoid besides this host's own containers: those of containers kept outside
     * it (the command line keeps ended containers between commands, each command on a new host).
     */
    public ContainerHost avoidNames(java.util.Collection<String> names) {
        this.namesTakenElsewhere = Set.copyOf(names);
        return this;
    }

    @Override
    public String toString() {
        return String.format("container host: kernel %s, %d images, %d containers (%d running), %,d bytes of guest RAM "
                        + "in use of %,d", SystemCalls.RELEASE, images.size(), containers.size(),
                containers.stream().filter(Container::running).count(), memoryInUse(), kernel.machine().bus.ramSize);
    }

    /** A notebook card: the kernel, the images and the containers. */
    public String toHtml() {
        StringBuilder b = new StringBuilder("<div style='font-family:sans-serif'><b>container host</b> &middot; kernel ")
                .append(SystemCalls.RELEASE).append(" &middot; ").append(String.format("%,d", memoryInUse()))
                .append(" of ").append(String.format("%,d", kernel.machine().bus.ramSize))
                .append(" bytes of guest RAM in use<table><tr>");
        // The same cells as the host OS's process table: text on the left, the PID on the right.
        for (String header : List.of("CONTAINER ID", "NAME", "IMAGE", "COMMAND", "STATUS", "HOSTNAME")) {
            b.append(HtmlTable.header(header, false));
        }
        b.append(HtmlTable.header("PID (host)", true)).append("</tr>");
        for (Container c : containers) {
            b.append("<tr>").append(HtmlTable.cell(c.shortId())).append(HtmlTable.cell(c.name()))
                    .append(HtmlTable.cell(c.image().reference()))
                    .append(HtmlTable.cell(String.join(" ", c.commandLine())))
                    .append(HtmlTable.cell(c.status())).append(HtmlTable.cell(c.hostname()))
                    .append(HtmlTable.number(Integer.toString(c.hostPid()))).append("</tr>");
        }
        b.append("</table>images: ");
        b.append(HtmlText.escape(String.join(", ", images.keySet()))).append("</div>");
        return b.toString();
    }
}
