package vmlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vmlab.cloud.CloudSimulation;
import vmlab.cloud.HostShape;
import vmlab.cloud.PlacementPolicy;
import vmlab.cloud.PlacementResult;
import vmlab.cloud.RequestTrace;

/**
 * {@code vmlab bench cloud}: how fast the cloud simulator places VMs at data-center scale. A fixed fleet of 10,000
 * 12-core hosts takes a year of 1,000,000 VM requests under each built-in policy; a plain scan over all hosts (the
 * obvious first fit) runs on a tenth of the trace as the peer, to show what the indexes buy.
 */
@Command(name = "cloud", mixinStandardHelpOptions = true,
        description = {"Times the cloud simulator: 10,000 hosts and 1,000,000 VM requests under first-fit, best-fit and "
                + "first-fit-decreasing (target: each under 10 s), and a plain-scan first fit on a tenth of the trace."})
public final class CloudBenchCommand implements Callable<Integer> {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    @Option(names = "--hosts", defaultValue = "10000", description = "hosts in the fleet (default 10000)")
    int hosts;

    @Option(names = "--requests", defaultValue = "1000000", description = "VM requests over a year (default 1000000)")
    int requests;

    @Override
    public Integer call() {
        if (hosts < 1 || requests < 10) {
            System.err.println("vmlab bench cloud: --hosts must be at least 1 and --requests at least 10");
            return 2;
        }
        System.out.printf("host: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long t = System.nanoTime();
        RequestTrace trace = RequestTrace.synthetic(2026, requests);
        System.out.printf("trace: %,d requests generated in %.2f s%n", trace.size(), (System.nanoTime() - t) / 1e9);
        CloudSimulation sim = new CloudSimulation(HostShape.server()).hosts(hosts);
        sim.policy(PlacementPolicy.FIRST_FIT).run(RequestTrace.synthetic(1, requests / 20));   // warm-up
        for (PlacementPolicy p : new PlacementPolicy[] {PlacementPolicy.FIRST_FIT, PlacementPolicy.BEST_FIT,
                PlacementPolicy.FIRST_FIT_DECREASING}) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            PlacementResult r = sim.policy(p).run(trace);
            double cpuS = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("%-22s %,10d events in %6.2f s wall, %6.2f s CPU (%s), %,d hosts used at most, "
                    + "utilization %.1f %%%n", p.name(), r.events(), r.hostSeconds(), cpuS,
                    r.hostSeconds() < 10 ? "under the 10 s target" : "OVER 10 s wall", r.peakHostsInUse(),
                    100 * r.utilization());
        }
        RequestTrace tenth = RequestTrace.of("tenth", trace.requests().subList(0, trace.size() / 10));
        PlacementPolicy scan = PlacementPolicy.named("scan first fit", (view, vm) -> {
            for (int h = 0; h < view.hosts(); h++) {
                if (view.fits(h, vm.cores(), vm.memoryGiB())) {
                    return h;
                }
            }
            return PlacementPolicy.NEW_HOST;
        });
        PlacementResult indexed = sim.policy(PlacementPolicy.FIRST_FIT).run(tenth);
        PlacementResult scanned = sim.policy(scan).run(tenth);
        System.out.printf("peer on a tenth of the trace: plain-scan first fit %.2f s, indexed first fit %.2f s "
                + "(%.1fx); same hosts used: %b%n", scanned.hostSeconds(), indexed.hostSeconds(),
                scanned.hostSeconds() / indexed.hostSeconds(), scanned.peakHostsInUse() == indexed.peakHostsInUse());
        return 0;
    }
}
