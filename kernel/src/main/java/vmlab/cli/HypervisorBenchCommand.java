package vmlab.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vmlab.measure.HostingBenchmark;
import vmlab.measure.HypervisorBenchmark;

/** {@code vmlab bench hypervisor}: what virtualization costs, bare against trap-and-emulate and assisted, on one guest. */
@Command(name = "hypervisor",
        mixinStandardHelpOptions = true,
        description = {"Measures skernel running a CPU-bound program (fib) and a system-call loop, bare in S-mode and "
                + "deprivileged under the Type-1 trap-and-emulate monitor, and in VS/VU-mode with the H extension "
                + "(hardware-assisted), on the block compiler.",
                "Prints host wall and CPU time (measured, medians after warm-up), guest instructions, simulated cycles "
                        + "(assumed exit costs), exits and exits per CPU second, exits by reason, and the slowdowns.",
                "Then Type-1 against Type-2 (the monitor as a process of the lab's host OS) on an I/O-bound and a "
                        + "CPU-bound guest, and an emulated disk against virtio-blk: I/O exits per KiB moved."})
public final class HypervisorBenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "fib 24 and fewer repeats: a few seconds")
    boolean quick;

    @Override
    public Integer call() {
        HypervisorBenchmark benchmark = quick ? HypervisorBenchmark.quick() : HypervisorBenchmark.full();
        List<HypervisorBenchmark.Row> rows = benchmark.run((done, total, what) ->
                System.err.printf("\r[%d/%d] %-40s", done + 1, total, what));
        System.err.println();
        System.out.print(HypervisorBenchmark.report(rows));
        HostingBenchmark hosting = quick ? HostingBenchmark.quick() : HostingBenchmark.full();
        List<HostingBenchmark.Row> hostingRows = hosting.run((done, total, what) ->
                System.err.printf("\r[%d/%d] %-40s", done + 1, total, what));
        System.err.println();
        System.out.println();
        System.out.print(HostingBenchmark.report(hostingRows));
        return 0;
    }
}
