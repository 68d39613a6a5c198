package vmlab.measure;

import java.time.Duration;
import vmlab.container.Container;
import vmlab.container.ContainerHost;
import vmlab.container.RunOptions;
import vmlab.engine.BlockCompiler;

/**
 * The guest program in a container from the corpus image: new namespaces, a cgroup, an overlay root from which the
 * program is read, then PID 1 runs on the host kernel the plain process uses, on the block compiler.
 */
final class ContainerRung implements Rung {
    @Override
    public String name() {
        return "container";
    }

    @Override
    public String runsOn() {
        return "the block compiler, in namespaces and a cgroup on the lab's host kernel";
    }

    @Override
    public Prepared prepare(LadderWorkload workload) {
        ContainerHost host = ContainerHost.create(16, BlockCompiler::new);
        return () -> {
            long before = host.os().machine().hart.minstret;
            Container c = host.run("corpus", new RunOptions().timeout(Duration.ofSeconds(3_600)),
                    workload.argv().toArray(new String[0]));
            if (c.running()) {
                throw new IllegalStateException(workload.command() + " did not finish in its container");
            }
            return new Outcome(c.logs(), c.exitCode(), host.os().machine().hart.minstret - before);
        };
    }
}
