package vmlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vmlab.evaluation.InterruptCheckBenchmark;
import vmlab.measure.Benchmark;
import vmlab.measure.BenchmarkReport;

/**
 * {@code vmlab bench}: the engines benchmark. Every corpus workload on the reference interpreter, the fast interpreter,
 * the block compiler, qemu-riscv32 (when installed) and in native Java; prints the table and which speed targets are met.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {TimeSharingBenchCommand.class, CloudBenchCommand.class, HypervisorBenchCommand.class,
                ContainersVsVmsBenchCommand.class},
        description = {"Measures the engines: reference interpreter, fast interpreter, block compiler, qemu-riscv32 "
                + "(when installed) and native Java, on fib, loop, sieve, quicksort, matmul and crc32.",
                "Prints workload, configuration, instructions, seconds, MIPS (medians over the repeats), their spread, "
                        + "and the ratios to native Java and to qemu; then which speed targets are met."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "small sizes and one measured run each: under a minute")
    boolean quick;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the table as CSV to FILE")
    Path csv;

    @Option(names = "--workloads", split = ",", paramLabel = "NAME", description = "only these workloads")
    String[] workloads;

    @Option(names = "--no-qemu", description = "leave qemu-riscv32 out even if it is installed")
    boolean noQemu;

    @Option(names = "--interrupt-checks", description = "instead of the engines: what the kernel's interrupt checks cost "
            + "on tight loops in cells (checked against unchecked CPU time)")
    boolean interruptChecks;

    @Option(names = "--rounds", paramLabel = "N", description = "measured rounds per workload for --interrupt-checks "
            + "(default: 7, after as many warm-up rounds)")
    int rounds = 7;

    @Override
    public Integer call() throws Exception {
        if (interruptChecks) {
            new InterruptCheckBenchmark(rounds).run(System.out);
            return 0;
        }
        Benchmark benchmark = quick ? Benchmark.quick() : Benchmark.full();
        if (workloads != null) {
            benchmark.workloads(workloads);
        }
        if (noQemu) {
            benchmark.withoutQemu();
        }
        benchmark.progress((done, total, what) -> System.err.printf("\r[%d/%d] %-60s", done + 1, total, what));
        BenchmarkReport report = benchmark.run();
        System.err.println();
        System.out.print(report);
        if (csv != null) {
            report.writeCsv(csv);
            System.out.println("CSV written to " + csv);
        }
        return 0;
    }
}
