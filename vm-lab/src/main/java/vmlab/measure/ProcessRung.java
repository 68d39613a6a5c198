package vmlab.measure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import vmlab.container.ContainerHost;
import vmlab.engine.Engine;
import vmlab.machine.Elf;
import vmlab.os.GuestCorpus;
import vmlab.os.HostOs;
import vmlab.os.Task;
import vmlab.os.TaskState;

/**
 * The guest program as a plain process on the lab's host kernel, on one engine. The kernel is the one a container host
 * runs (same quantum, same clock), so this rung and {@link ContainerRung} differ only by the container's isolation.
 */
final class ProcessRung implements Rung {
    private final String name;
    private final Supplier<Engine> engine;

    ProcessRung(String name, Supplier<Engine> engine) {
        this.name = name;
        this.engine = engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String runsOn() {
        return "the " + engine.get().name() + ", a process on the lab's host OS";
    }

    @Override
    public Prepared prepare(LadderWorkload workload) {
        HostOs kernel = ContainerHost.create(16, engine).os();
        Elf elf = GuestCorpus.program(workload.program());
        return () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long before = kernel.machine().hart.minstret;
            Task task = kernel.spawn("ladder", elf, workload.argv(), Map.of(), kernel.hostSetup(), null, out, out);
            kernel.runWhile(() -> task.state() != TaskState.FINISHED, 1_000_000, 20_000_000_000L);
            if (task.state() != TaskState.FINISHED) {
                throw new IllegalStateException(workload.command() + " did not finish on the " + name);
            }
            return new Outcome(out.toString(StandardCharsets.ISO_8859_1), task.exitStatus(),
                    kernel.machine().hart.minstret - before);
        };
    }
}
