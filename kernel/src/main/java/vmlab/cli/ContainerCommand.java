package vmlab.cli;

import vmlab.filesystem.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vmlab.container.Container;
import vmlab.container.ContainerBenchmark;
import vmlab.container.ContainerException;
import vmlab.container.ContainerHost;
import vmlab.container.ImageSource;
import vmlab.container.RunOptions;
import vmlab.engine.ReferenceInterpreter;
import vmlab.os.HostFolder;
import vmlab.os.MountTable;
import vmlab.os.OverlayTree;
import vmlab.os.VfsException;

/**
 * {@code vmlab container}: Docker's verbs on the lab's container host. The lab has no daemon: each command boots its own
 * host kernel, so a container lives only as long as the command that runs it ({@code run -d} runs it to its end, or to
 * {@code --timeout}, with its output kept for {@code logs}, prints its id and succeeds, and says so on stderr); what is
 * left of it (record, logs, upper layer) is kept in the state folder for {@code ps -a}, {@code logs}, {@code inspect},
 * {@code cp} and {@code rm}, and its name stays taken until {@code rm}. Keeping a simulated kernel alive between
 * commands would need a daemon or a snapshot of the whole host kernel (open files, pipes, page tables); {@code ps},
 * {@code stats}, {@code kill} and {@code exec} say instead why nothing is running.
 */
@Command(name = "container",
        mixinStandardHelpOptions = true,
        description = {"Containers on the lab's host kernel, with Docker's verbs: run, exec, ps, logs, stop, kill, rm, "
                + "images, rmi, inspect, stats, cp; and bench, the container benchmark.",
                "Each command boots its own host kernel (there is no daemon): a container lives as long as the command "
                        + "that runs it; its record, logs and upper layer are kept in the state folder."},
        subcommands = {ContainerCommand.Run.class, ContainerCommand.Exec.class, ContainerCommand.Ps.class,
                ContainerCommand.Logs.class, ContainerCommand.Stop.class, ContainerCommand.Kill.class,
                ContainerCommand.Rm.class, ContainerCommand.Images.class, ContainerCommand.Rmi.class,
                ContainerCommand.Inspect.class, ContainerCommand.Stats.class, ContainerCommand.Cp.class,
                ContainerCommand.Bench.class, ContainerBuild.class})
public final class ContainerCommand implements Runnable {
    @Option(names = "--state", paramLabel = "DIR", description = "where container records are kept (default: "
            + "~/.vmlab/containers)")
    Path state;
    @Option(names = "--images", paramLabel = "DIR", description = "the image store, an OCI image layout that build "
            + "writes and run reads (default: ~/.vmlab/images)")
    Path images;

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    Path imageStore() {
        return images != null ? images : ContainerBuild.defaultStore();
    }

    ContainerRecords records() {
        return new ContainerRecords(state != null ? state : ContainerRecords.defaultFolder());
    }

    /**
     * What every verb shares: the state and image folders of {@code vmlab container}, and a refused request turned into
     * Docker's message and exit status ({@link #guarded}).
     */
    abstract static class Verb implements Callable<Integer> {
        @ParentCommand
        ContainerCommand parent;

        @Override
        public final Integer call() {
            return guarded(this::execute);
        }

        /** The verb's work: its exit status, or a ContainerException with Docker's message and status. */
        abstract int execute() throws Exception;

        ContainerRecords records() {
            return parent.records();
        }
    }

    /** Runs a verb; a refused request prints Docker's message and gives its exit status. */
    static int guarded(Callable<Integer> verb) {
        try {
            return verb.call();
        } catch (ContainerException e) {
            System.err.println("vmlab container: " + e.getMessage());
            return e.exitStatus();
        } catch (IOException e) {
            System.err.println("vmlab container: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("vmlab container: " + e);
            return 125;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a command in a new container.")
    static final class Run extends Verb {
        @Option(names = {"-d", "--detach"}, description = "keep the output for `logs` and print the id only")
        boolean detach;
        @Option(names = "--name")
        String name;
        @Option(names = {"-h", "--hostname"})
        String hostname;
        @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE")
        List<String> env = new ArrayList<>();
        @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "memory.max, e.g. 2m")
        String memory;
        @Option(names = "--cpus", description = "cpu.max as a share of the CPU, e.g. 0.5")
        Double cpus;
        @Option(names = "--pids-limit")
        Long pids;
        @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]")
        List<String> volumes = new ArrayList<>();
        @Option(names = "--tmpfs", paramLabel = "PATH")
        List<String> tmpfs = new ArrayList<>();
        @Option(names = {"-w", "--workdir"})
        String workdir;
        @Option(names = "--entrypoint")
        String entrypoint;
        @Option(names = "--rm", description = "forget the container when it ends")
        boolean remove;
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "simulated seconds it may run (default 10)")
        double timeout = 10;
        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;
        @Parameters(index = "1..*", paramLabel = "ARGS")
        List<String> args = new ArrayList<>();

        @Override
        int execute() throws Exception {
            RunOptions o = new RunOptions().timeout(Duration.ofMillis(Math.round(timeout * 1000)));
            if (name != null) {
                o.name(name);
            }
            if (hostname != null) {
                o.hostname(hostname);
            }
            for (String e : env) {
                String[] kv = e.split("=", 2);
                o.env(kv[0], kv.length > 1 ? kv[1] : System.getenv().getOrDefault(kv[0], ""));
            }
            if (memory != null) {
                o.memory(memory);
            }
            if (cpus != null) {
                o.cpus(cpus);
            }
            if (pids != null) {
                o.pidsLimit(pids);
            }
            volumes.forEach(o::volume);
            tmpfs.forEach(o::tmpfs);
            if (workdir != null) {
                o.workdir(workdir);
            }
            if (entrypoint != null) {
                o.entrypoint(entrypoint);
            }
            ContainerRecords records = records();
            if (name != null && !remove) {
                records.refuseNameInUse(name); // early, so a name in use costs no run; checked again on saving
            }
            ContainerHost host = ContainerBuild.withStoredImages(ContainerHost.create(64,
                    ReferenceInterpreter::new), parent.imageStore()).avoidNames(records.names());
            Container c = host.run(image, o, args.toArray(new String[0]));
            if (c.running()) {
                host.kill(c.id());
                System.err.printf("vmlab container: %s was still running after %s simulated seconds (--timeout); "
                        + "killed, as the host kernel ends with this command%n", c.name(), timeout);
            }
            if (!remove) {
                records.save(c, host.inspect(c.id()));
            }
            if (!detach) {
                System.out.print(c.logs());
                return c.exitCode();
            }
            // Docker's run -d succeeds once the container has started; here it has also ended, with no daemon to keep it
            System.out.println(c.id());
            System.err.printf("vmlab container: %s ran to its end within this command (%s): there is no daemon to keep "
                    + "it running; %s%n", c.name(), c.status(), remove ? "--rm forgot it" : "`logs`, `ps -a`, `inspect` "
                    + "and `cp` read what it left");
            return 0;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true, description = "Runs a command in a running container.")
    static final class Exec extends Verb {
        @Parameters(index = "0", paramLabel = "CONTAINER")
        String container;
        @Parameters(index = "1..*", paramLabel = "COMMAND")
        List<String> command = new ArrayList<>();

        @Override
        int execute() throws Exception {
            ContainerRecords.Entry e = records().find(container);
            throw new ContainerException(1, "Error response from daemon: container " + e.id() + " is not running "
                    + "(each vmlab command has its own host kernel; use exec from a notebook cell, on a running "
                    + "container)");
        }
    }

    @Command(name = "ps", mixinStandardHelpOptions = true, description = "Lists containers.")
    static final class Ps extends Verb {
        @Option(names = {"-a", "--all"}, description = "also the stopped ones")
        boolean all;

        @Override
        int execute() throws Exception {
            System.out.printf("%-12s   %-16s %-28s %-20s %s%n", "CONTAINER ID", "IMAGE", "COMMAND", "STATUS", "NAMES");
            List<ContainerRecords.Entry> ended = records().all();
            if (!all && !ended.isEmpty()) {
                System.err.printf("vmlab container: none running: a container lives only as long as the vmlab "
                        + "command that runs it (there is no daemon); `ps -a` lists the %d that ended%n", ended.size());
            }
            for (ContainerRecords.Entry e : ended) {
                if (all) { // every remembered container has ended with the command that ran it
                    String command = "\"" + String.join(" ", e.command()) + "\"";
                    System.out.printf("%-12s   %-16s %-28s %-20s %s%n", e.id().substring(0, 12), e.image(),
                            command.length() > 28 ? command.substring(0, 25) + "...\"" : command, e.status(),
                            e.name());
                }
            }
            return 0;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Prints a container's output.")
    static final class Logs extends Verb {
        @Parameters(paramLabel = "CONTAINER")
        String container;

        @Override
        int execute() throws Exception {
            System.out.print(records().find(container).logs());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops containers (SIGTERM, then SIGKILL).")
    static final class Stop extends Verb {
        @Parameters(paramLabel = "CONTAINER", arity = "1..*")
        List<String> containers;

        @Override
        int execute() throws Exception {
            for (String c : containers) {
                records().find(c);
                System.out.println(c); // already stopped: Docker prints the name and succeeds
            }
            return 0;
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = "Kills containers (SIGKILL).")
    static final class Kill extends Verb {
        @Parameters(paramLabel = "CONTAINER", arity = "1..*")
        List<String> containers;

        @Override
        int execute() throws Exception {
            ContainerRecords.Entry e = records().find(containers.get(0));
            throw new ContainerException(1, "Error response from daemon: cannot kill container: " + e.name()
                    + ": container " + e.id() + " is not running (it ended with the vmlab command that ran it: "
                    + "there is no daemon)");
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes containers.")
    static final class Rm extends Verb {
        @Parameters(paramLabel = "CONTAINER", arity = "1..*")
        List<String> containers;

        @Override
        int execute() throws Exception {
            for (String c : containers) {
                ContainerRecords records = records();
                records.remove(records.find(c));
                System.out.println(c);
            }
            return 0;
        }
    }

    @Command(name = "images", mixinStandardHelpOptions = true, description = "Lists images.")
    static final class Images extends Verb {

        @Override
        int execute() throws Exception {
            System.out.printf("%-20s %-10s %-14s %s%n", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
            for (ImageSource i : ContainerBuild.withStoredImages(ContainerHost.create(), parent.imageStore()).images()) {
                String[] rt = i.reference().split(":", 2);
                System.out.printf("%-20s %-10s %-14s %s%n", rt[0], rt[1], i.id(),
                        i.size() < 0 ? "?" : String.format("%.1fkB", i.size() / 1000.0));
            }
            return 0;
        }
    }

    @Command(name = "rmi", mixinStandardHelpOptions = true, description = "Removes images.")
    static final class Rmi extends Verb {
        @Parameters(paramLabel = "IMAGE", arity = "1..*")
        List<String> images;

        @Override
        int execute() throws Exception {
            ContainerHost host = ContainerHost.create();
            for (String image : images) {
                ImageSource i = host.image(image);
                for (ContainerRecords.Entry e : records().all()) {
                    if (e.image().equals(i.reference())) {
                        throw new ContainerException(1, "Error response from daemon: conflict: unable to remove "
                                + "repository reference \"" + i.reference() + "\" (must force) - container "
                                + e.id().substring(0, 12) + " is using its referenced image " + i.id());
                    }
                }
                throw new ContainerException(1, "Error response from daemon: conflict: unable to delete "
                        + i.reference() + " (cannot be forced) - the corpus image is built into vmlab");
            }
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Shows a container's details (JSON).")
    static final class Inspect extends Verb {
        @Parameters(paramLabel = "CONTAINER")
        String container;

        @Override
        int execute() throws Exception {
            System.out.println("[" + records().find(container).inspect() + "]");
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Shows running containers' usage.")
    static final class Stats extends Verb {
        @Option(names = "--no-stream", description = "accepted for Docker's sake: the lab always prints once")
        boolean noStream;

        @Override
        int execute() {
            System.out.printf("%-12s   %-20s %-8s %-22s %s%n", "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT",
                    "PIDS");
            System.err.println("vmlab container: none running: a container lives only as long as the vmlab command that "
                    + "runs it (there is no daemon); a notebook's ContainerHost.stats() shows running ones");
            return 0;
        }
    }

    @Command(name = "cp", mixinStandardHelpOptions = true,
            description = "Copies a file between a container (CONTAINER:PATH) and the host.")
    static final class Cp extends Verb {
        @Parameters(index = "0", paramLabel = "SOURCE")
        String source;
        @Parameters(index = "1", paramLabel = "DESTINATION")
        String destination;

        @Override
        int execute() throws Exception {
            boolean out = source.contains(":");
            String[] at = (out ? source : destination).split(":", 2);
            ContainerRecords records = records();
            ContainerRecords.Entry e = records.find(at[0]);
            ImageSource image = ContainerHost.create().image(e.image());
            MountTable mounts = new MountTable().mount("/", new OverlayTree(image.layers(),
                    new HostFolder(records.upperLayer(e), false)), false);
            try {
                if (out) {
                    Path target = Path.of(destination);
                    if (Files.isDirectory(target)) {
                        target = target.resolve(Path.of(at[1]).getFileName().toString());
                    }
                    AtomicFile.write(target, mounts.readAll("/", at[1], 64 << 20));
                } else {
                    byte[] bytes = Files.readAllBytes(Path.of(source));
                    vmlab.os.OpenFile f = mounts.open("/", at[1], vmlab.os.OpenRequest.CREATE);
                    int n = f.write(bytes, bytes.length);
                    f.close();
                    if (n < 0) {
                        throw new ContainerException(1, "Error: cannot write " + at[1]);
                    }
                }
            } catch (VfsException ex) {
                throw new ContainerException(1, "Error response from daemon: " + ex.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Measures containers against plain processes on the same kernel: start time, memory per "
                    + "idle container and how many fit in 64 MiB, CPU overhead, system-call cost; and a real "
                    + "`unshare` process where the host allows it."})
    static final class Bench extends Verb {
        @Option(names = "--repeats", description = "start-time repetitions (default 200)")
        int repeats = 200;

        @Override
        int execute() {
            new ContainerBenchmark(System.out, repeats, ReferenceInterpreter::new).run();
            return 0;
        }
    }
}
