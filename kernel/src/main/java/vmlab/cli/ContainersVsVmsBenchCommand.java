package vmlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vmlab.measure.ContainerVmBenchmark;

/** {@code vmlab bench containers-vs-vms}: containers next to VMs and plain processes, measured in the same run. */
@Command(name = "containers-vs-vms",
        mixinStandardHelpOptions = true,
        description = {"Measures a plain process, a container and a trap-and-emulate VM side by side, on one engine: "
                + "start time (hello; labOS booting to its shell), memory per instance and how many fit in 64 MiB, CPU "
                + "overhead (fib), and the cost of one write system call.",
                "Prints host CPU time of the measuring thread (medians after warm-up) and simulated cycles "
                        + "(instructions plus the assumed kernel and exit costs)."})
public final class ContainersVsVmsBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "fewer repetitions and fib 22 (the lesson's size)")
    boolean quick;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "reference",
            description = "the engine that plays the hardware for every peer: reference (default, as in "
                    + "Lab.containers()), fast or compiler")
    EmuCommand.EngineChoice engine;

    @Override
    public Integer call() {
        ContainerVmBenchmark benchmark = quick ? ContainerVmBenchmark.quick() : ContainerVmBenchmark.full();
        System.out.print(benchmark.engine(engine::create).report());
        return 0;
    }
}
