package vmlab.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudSimulationTest {
    private static final HostShape FOUR_CORES = new HostShape(4, 16);

    private static RequestTrace trace(VmRequest... vms) {
        return RequestTrace.of("test", List.of(vms));
    }

    @Test
    void firstFitFillsTheFirstHostBeforeOpeningAnother() {
        RequestTrace t = trace(VmRequest.of(0, "a", 0, 10, 2, 2), VmRequest.of(1, "b", 1, 10, 3, 2),
                VmRequest.of(2, "c", 2, 10, 2, 2));
        PlacementResult r = new CloudSimulation(FOUR_CORES).policy(PlacementPolicy.FIRST_FIT).run(t);
        assertEquals(2, r.hostsOpened());
        assertEquals(3, r.placed());
    }

    @Test
    void bestFitPutsAVmWhereItLeavesTheLeastRoomAndKeepsBigHolesForBigVms() {
        // When the 1-core VM arrives, host 0 is empty and host 1 has 1 core free. First fit takes host 0, so the 4-core
        // VM that comes next needs a third host; best fit takes host 1's last core and keeps host 0 whole.
        RequestTrace t = trace(VmRequest.of(0, "a", 0, 2, 4, 1), VmRequest.of(1, "b", 1, 10, 3, 1),
                VmRequest.of(2, "c", 3, 10, 1, 1), VmRequest.of(3, "d", 4, 10, 4, 1));
        assertEquals(3, new CloudSimulation(FOUR_CORES).policy(PlacementPolicy.FIRST_FIT).run(t).hostsOpened());
        assertEquals(2, new CloudSimulation(FOUR_CORES).policy(PlacementPolicy.BEST_FIT).run(t).hostsOpened());
    }

    @Test
    void decreasingOrderNeedsNoMoreHostsThanArrivalOrderOnABatch() {
        // One hour's arrivals, small ones first: first fit strands space; sorting them largest first packs them.
        List<VmRequest> vms = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < 6; i++) {
            vms.add(VmRequest.of(id++, "s", 0.1 * i, 100, 1, 1));
        }
        for (int i = 0; i < 6; i++) {
            vms.add(VmRequest.of(id++, "l", 0.5 + 0.01 * i, 100, 3, 1));
        }
        RequestTrace t = RequestTrace.of("batch", vms);
        int ff = new CloudSimulation(FOUR_CORES).policy(PlacementPolicy.FIRST_FIT).run(t).hostsOpened();
        int ffd = new CloudSimulation(FOUR_CORES).policy(PlacementPolicy.FIRST_FIT_DECREASING).run(t).hostsOpened();
        assertEquals(8, ff);
        assertEquals(6, ffd);
    }

    @Test
    void aPolicyThatOvercommitsIsCaughtAndNamed() {
        PlacementPolicy greedy = PlacementPolicy.named("always host 0",
                (hosts, vm) -> hosts.hosts() == 0 ? PlacementPolicy.NEW_HOST : 0);
        RequestTrace t = trace(VmRequest.of(0, "a", 0, 10, 3, 1), VmRequest.of(1, "b", 1, 10, 3, 1));
        OvercommitException e = assertThrows(OvercommitException.class,
                () -> new CloudSimulation(FOUR_CORES).policy(greedy).run(t));
        assertTrue(e.getMessage().contains("always host 0") && e.getMessage().contains("host 0"), e.getMessage());
    }

    @Test
    void aPolicyNamingAHostThatIsNotOpenIsCaught() {
        PlacementPolicy wild = PlacementPolicy.named("wild", (hosts, vm) -> 7);
        assertThrows(OvercommitException.class,
                () -> new CloudSimulation(FOUR_CORES).policy(wild).run(trace(VmRequest.of(0, "a", 0, 1, 1, 1))));
    }

    @Test
    void aStoppedVmGivesBackItsCoresAndMayComeBackOnAnotherHost() {
        // VM 0 stops from 2 h to 5 h; VM 1 takes the whole host meanwhile; VM 0 restarts on a second host.
        VmRequest stopping = new VmRequest(0, "a", 0, 10, 4, 4, 20, 2, 5);
        VmRequest other = VmRequest.of(1, "b", 3, 10, 4, 4);
        PlacementResult r = new CloudSimulation(FOUR_CORES).run(trace(stopping, other));
        assertEquals(2, r.hostsOpened());
        assertEquals(1, r.movedOnRestart());
        assertEquals(0, r.turnedAway());
    }

    @Test
    void stoppedVmsPayForTheirDiskOnlyAndWholeServersCostMore() {
        CloudPrices p = CloudPrices.standard();
        VmRequest vm = new VmRequest(0, "a", 0, 10, 1, 2, 20, 2, 8);
        assertEquals(4 * (0.10 + 2 * 0.005) + 10 * 20 * 0.0002, p.vmBill(vm), 1e-12);
        assertEquals(10 * 1.00, p.wholeServerBill(vm, HostShape.server()), 1e-12);
    }

    @Test
    void aFixedFleetTurnsAwayWhatDoesNotFit() {
        RequestTrace t = trace(VmRequest.of(0, "a", 0, 10, 4, 1), VmRequest.of(1, "b", 1, 10, 4, 1));
        PlacementResult r = new CloudSimulation(FOUR_CORES).hosts(1).run(t);
        assertEquals(1, r.placed());
        assertEquals(1, r.turnedAway());
    }

    @Test
    void fastIndexesAgreeWithAPlainScan() {
        RequestTrace t = RequestTrace.synthetic(3, 5_000, 24 * 30);
        PlacementPolicy scanFirst = PlacementPolicy.named("scan first fit", (hosts, vm) -> {
            for (int h = 0; h < hosts.hosts(); h++) {
                if (hosts.fits(h, vm.cores(), vm.memoryGiB())) {
                    return h;
                }
            }
            return PlacementPolicy.NEW_HOST;
        });
        PlacementPolicy scanBest = PlacementPolicy.named("scan best fit", (hosts, vm) -> {
            int best = PlacementPolicy.NEW_HOST;
            for (int h = 0; h < hosts.hosts(); h++) {
                if (hosts.fits(h, vm.cores(), vm.memoryGiB()) && (best < 0 || hosts.freeCores(h) < hosts.freeCores(best)
                        || hosts.freeCores(h) == hosts.freeCores(best)
                        && hosts.freeMemoryGiB(h) < hosts.freeMemoryGiB(best))) {
                    best = h;
                }
            }
            return best;
        });
        CloudSimulation sim = new CloudSimulation(HostShape.server());
        PlacementResult a = sim.policy(PlacementPolicy.FIRST_FIT).run(t), b = sim.policy(scanFirst).run(t);
        assertEquals(b.hostsOpened(), a.hostsOpened());
        assertEquals(b.utilization(), a.utilization(), 1e-12);
        PlacementResult c = sim.policy(PlacementPolicy.BEST_FIT).run(t), d = sim.policy(scanBest).run(t);
        assertEquals(d.hostsOpened(), c.hostsOpened());
        assertEquals(d.utilization(), c.utilization(), 1e-12);
    }

    @Test
    void rentingVmsIsCheaperPerVmHourThanRentingWholeServers() {
        PlacementResult r = new CloudSimulation(HostShape.server()).run(RequestTrace.synthetic(5, 2_000));
        assertTrue(r.pricePerVmHour() < r.wholeServerPricePerVmHour() / 2, r.toString());
        assertTrue(r.utilization() > 0.3 && r.utilization() <= 1, r.toString());
    }

    @Test
    void aTraceFileRoundTripsAndItsMistakesAreLocated(@TempDir Path dir) throws Exception {
        RequestTrace t = RequestTrace.synthetic(9, 300);
        Path file = dir.resolve("trace.csv");
        t.write(file);
        RequestTrace back = RequestTrace.read(file);
        assertEquals(t.requests(), back.requests());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(5, lines.get(5).replaceFirst(",(\\d+),(\\d+),(\\d+),", ",0,$2,$3,"));   // zero cores
        Files.write(file, lines);
        DemandFormatException e = assertThrows(DemandFormatException.class, () -> RequestTrace.read(file));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("at least 1 core"), e.getMessage());
    }
}
