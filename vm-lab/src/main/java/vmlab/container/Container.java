package vmlab.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vmlab.html.HtmlTable;
import vmlab.html.HtmlText;
import vmlab.os.ControlGroup;
import vmlab.os.MemoryTree;
import vmlab.os.MountTable;
import vmlab.os.Namespaces;
import vmlab.os.OverlayTree;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * One container: processes on the host's kernel that have their own namespaces (PID 1 is its first process, its own
 * host name, its own mounts with the image as a union file system, root mapped to an unprivileged host uid) and one
 * cgroup that limits them together. Nothing else separates it from the host: the same kernel runs it.
 */
public final class Container {
    private final String id;
    private final String name;
    private final ImageSource image;
    private final List<String> commandLine;
    private final Namespaces namespaces;
    private final ControlGroup group;
    private final OverlayTree rootfs;
    private final MemoryTree upper;
    private final MountTable mounts;
    private final Instant created = Instant.now();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final RunOptions options;
    final List<Task> execs = new ArrayList<>();
    Task init;
    Instant started;
    long startNanos, startedCycle;
    String error;

    Container(String id, String name, ImageSource image, List<String> commandLine, Namespaces namespaces,
              ControlGroup group, OverlayTree rootfs, MemoryTree upper, MountTable mounts, RunOptions options) {
        this.id = id;
        this.name = name;
        this.image = image;
        this.commandLine = List.copyOf(commandLine);
        this.namespaces = namespaces;
        this.group = group;
        this.rootfs = rootfs;
        this.upper = upper;
        this.mounts = mounts;
        this.options = options;
    }

    /** The full 64-hex-digit id. */
    public String id() {
        return id;
    }

    /** The 12-digit id that {@code ps} shows. */
    public String shortId() {
        return id.substring(0, 12);
    }

    public String name() {
        return name;
    }

    public ImageSource image() {
        return image;
    }

    public List<String> commandLine() {
        return commandLine;
    }

    public ContainerState state() {
        if (init == null) {
            return ContainerState.CREATED;
        }
        return init.state() == TaskState.FINISHED ? ContainerState.EXITED : ContainerState.RUNNING;
    }

    public boolean running() {
        return state() == ContainerState.RUNNING;
    }

    /** The exit status of PID 1 (128 + signal if killed: 137 for SIGKILL), or -1 while it runs. */
    public int exitCode() {
        return init == null ? -1 : init.exitStatus();
    }

    /** Why PID 1 ended ("exited with status 0", "killed by SIGKILL ..."), or null while it runs. */
    public String endReason() {
        return init == null ? null : init.endReason();
    }

    /** True if the OOM killer ended one of its processes. */
    public boolean oomKilled() {
        return group.oomKills() > 0;
    }

    /** Everything its processes wrote to stdout and stderr. */
    public String logs() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    public String hostname() {
        return namespaces.uts().hostname();
    }

    /** PID 1 of the container as the host numbers it. */
    public int hostPid() {
        return init == null ? 0 : init.pid();
    }

    public Task init() {
        return init;
    }

    /** Its live processes, as the host sees them. */
    public List<Task> processes() {
        List<Task> all = new ArrayList<>();
        if (init != null) {
            all.add(init);
        }
        all.addAll(execs);
        return all.stream().filter(t -> t.state() != TaskState.FINISHED).toList();
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    public ControlGroup cgroup() {
        return group;
    }

    /** The union of the image's layers and the upper layer: the container's "/". */
    public OverlayTree rootfs() {
        return rootfs;
    }

    /** Where every change the container makes to its files goes (and nowhere else). */
    public MemoryTree upperLayer() {
        return upper;
    }

    public MountTable mounts() {
        return mounts;
    }

    public Instant created() {
        return created;
    }

    /** Host wall-clock nanoseconds from the run request until PID 1 was ready to run. */
    public long startNanos() {
        return startNanos;
    }

    /** The status line of {@code docker ps}: "Up", "Exited (0)", "Created". */
    public String status() {
        return switch (state()) {
            case CREATED -> "Created";
            case RUNNING -> "Up";
            case EXITED -> "Exited (" + exitCode() + ")" + (oomKilled() ? " (OOM killed)" : "");
        };
    }

    @Override
    public String toString() {
        return String.format("container %s %s (%s, image %s, hostname %s, %s)", shortId(), name, status(),
                image.reference(), hostname(), String.join(" ", commandLine));
    }

    /** A card for a notebook: who it is, what it runs, its limits and usage, and its output. */
    public String toHtml() {
        StringBuilder b = new StringBuilder("<div style='font-family:sans-serif'><b>container ")
                .append(HtmlText.escape(name)).append("</b> <code>").append(shortId()).append("</code> &middot; ")
                .append(HtmlText.escape(status())).append("<table>");
        b.append(HtmlTable.keyValueRow("image", image.reference()));
        b.append(HtmlTable.keyValueRow("command", String.join(" ", commandLine)));
        b.append(HtmlTable.keyValueRow("hostname", hostname()));
        b.append(HtmlTable.keyValueRow("PID 1 on the host", init == null ? "-" : Integer.toString(init.pid())));
        b.append(HtmlTable.keyValueRow("user namespace", "uid_map " + namespaces.user().uidMap()));
        b.append(HtmlTable.keyValueRow("cgroup", group.path() + ": cpu.max " + group.cpuMax() + ", memory "
                + group.memoryCurrent() + " / " + (group.memoryMax() == ControlGroup.MAX ? "max" : group.memoryMax())
                + " bytes, pids " + group.pidsCurrent() + " / "
                + (group.pidsMax() == ControlGroup.MAX ? "max" : group.pidsMax())));
        b.append(HtmlTable.keyValueRow("mounts", mounts.toString().strip()));
        b.append(HtmlTable.keyValueRow("upper layer", upper.describe() + ", " + rootfs.copyUps() + " copy-ups"));
        b.append("</table><pre style='background:#f6f6f6;padding:4px;max-height:16em;overflow:auto'>")
                .append(HtmlText.escape(logs())).append("</pre></div>");
        return b.toString();
    }
}
