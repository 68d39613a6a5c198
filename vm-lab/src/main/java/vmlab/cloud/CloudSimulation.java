package vmlab.cloud;

import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Renting out a data center, as a discrete-event simulation: tenants' VMs arrive, stop, restart and leave; a placement
 * policy puts each one on a host, opening a new host when it says so. Events at the same instant free capacity first
 * (departures and stops), then use it (arrivals and restarts). Everything is deterministic for a given trace.
 * <pre>
 * var trace = RequestTrace.synthetic(7, 20_000);
 * new CloudSimulation(HostShape.server()).policy(PlacementPolicy.BEST_FIT).run(trace)
 * </pre>
 */
public final class CloudSimulation {
    /** Event kinds, in the order they happen at one instant. */
    private static final int DEPART = 0, STOP = 1, ARRIVE = 2, RESTART = 3;
    private static final int MAX_VMS = 1 << 22;

    private final HostShape shape;
    private PlacementPolicy policy = PlacementPolicy.FIRST_FIT;
    private int hostLimit = Integer.MAX_VALUE;
    private CloudPrices prices = CloudPrices.standard();

    public CloudSimulation(HostShape shape) {
        this.shape = shape;
    }

    public CloudSimulation policy(PlacementPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** A fixed fleet: VMs that find no room are turned away (counted), instead of opening more hosts. */
    public CloudSimulation hosts(int count) {
        if (count < 1 || count > MAX_VMS) {
            throw new IllegalArgumentException("a fleet has 1 to " + MAX_VMS + " hosts, not " + count);
        }
        this.hostLimit = count;
        return this;
    }

    public CloudSimulation prices(CloudPrices prices) {
        this.prices = prices;
        return this;
    }

    public PlacementResult run(RequestTrace trace) {
        List<VmRequest> vms = trace.requests();
        if (vms.size() >= MAX_VMS) {
            throw new IllegalArgumentException("at most " + (MAX_VMS - 1) + " VMs per run, not " + vms.size());
        }
        long started = System.nanoTime();
        long[] events = events(vms);
        Fleet fleet = new Fleet(shape, hostLimit);
        int[] hostOf = new int[vms.size()];
        boolean[] served = new boolean[vms.size()];
        Arrays.fill(hostOf, -1);
        double span = vms.stream().mapToDouble(VmRequest::departure).max().orElse(0);
        int samples = (int) Math.ceil(span / 24) + 1;
        int[] busyByDay = new int[samples];
        int[] coresByDay = new int[samples];
        int nextSample = 0;
        long usedCores = 0;
        int placed = 0, turnedAway = 0, restartsElsewhere = 0, peakBusy = 0;
        double coreHours = 0, lastTime = 0;
        for (long event : events) {
            double time = (event >>> 24) / 3600.0;
            while (nextSample < samples && nextSample * 24.0 <= time) {
                busyByDay[nextSample] = fleet.busyHosts();
                coresByDay[nextSample++] = (int) usedCores;
            }
            coreHours += usedCores * (time - lastTime);
            lastTime = time;
            int kind = (int) (event >>> 22) & 3;
            VmRequest vm = vms.get((int) (event & (MAX_VMS - 1)));
            int id = (int) (event & (MAX_VMS - 1));
            switch (kind) {
                case DEPART, STOP -> {
                    if (hostOf[id] >= 0) {
                        fleet.release(hostOf[id], vm.cores(), vm.memoryGiB());
                        usedCores -= vm.cores();
                        if (kind == STOP) {
                            hostOf[id] = -2 - hostOf[id];   // remember where it was, to count moves on restart
                        } else {
                            hostOf[id] = -1;
                        }
                    }
                }
                case ARRIVE, RESTART -> {
                    if (kind == RESTART && hostOf[id] == -1) {
                        break;                              // it never got a host in the first place
                    }
                    int before = kind == RESTART ? -2 - hostOf[id] : -1;
                    int host = choose(fleet, vm);
                    if (host < 0) {
                        turnedAway++;
                        hostOf[id] = -1;
                        break;
                    }
                    fleet.take(host, vm.cores(), vm.memoryGiB());
                    usedCores += vm.cores();
                    hostOf[id] = host;
                    peakBusy = Math.max(peakBusy, fleet.busyHosts());
                    if (kind == ARRIVE) {
                        placed++;
                        served[id] = true;
                    } else if (host != before) {
                        restartsElsewhere++;
                    }
                }
                default -> throw new AssertionError(kind);
            }
        }
        double billed = 0, wholeServers = 0, vmHours = 0;
        for (int i = 0; i < vms.size(); i++) {
            if (!served[i]) {
                continue;
            }
            VmRequest vm = vms.get(i);
            billed += prices.vmBill(vm);
            wholeServers += prices.wholeServerBill(vm, shape);
            vmHours += vm.bookedHours();
        }
        double hostCoreHours = (double) fleet.hosts() * shape.cores() * span;
        return new PlacementResult(policy.name(), shape, fleet.hosts(), peakBusy, placed, turnedAway, restartsElsewhere,
                hostCoreHours == 0 ? 0 : coreHours / hostCoreHours, vmHours == 0 ? 0 : billed / vmHours,
                vmHours == 0 ? 0 : wholeServers / vmHours,
                events.length, (System.nanoTime() - started) / 1e9, daily(busyByDay, coresByDay, nextSample));
    }

    private int choose(Fleet fleet, VmRequest vm) {
        if (vm.cores() > shape.cores() || vm.memoryGiB() > shape.memoryGiB()) {
            return -1;                                      // bigger than any host: no policy can place it
        }
        int host;
        try {
            host = policy.place(fleet, vm);
        } catch (RuntimeException e) {
            throw new IllegalStateException("placement policy '" + policy.name() + "' failed on VM " + vm.id() + ": "
                    + e, e);
        }
        if (host == PlacementPolicy.NEW_HOST) {
            return fleet.canOpen() ? fleet.open() : -1;
        }
        if (host < 0 || host >= fleet.hosts()) {
            throw new OvercommitException("placement policy '" + policy.name() + "' chose host " + host + " for VM "
                    + vm.id() + ", but only hosts 0 to " + (fleet.hosts() - 1) + " are open (answer -1 to open one)");
        }
        if (!fleet.fits(host, vm.cores(), vm.memoryGiB())) {
            throw new OvercommitException("placement policy '" + policy.name() + "' put VM " + vm.id() + " ("
                    + vm.cores() + " cores, " + vm.memoryGiB() + " GiB) on host " + host + ", which has only "
                    + fleet.freeCores(host) + " cores and " + fleet.freeMemoryGiB(host) + " GiB free: that overcommits it");
        }
        return host;
    }

    /**
     * Every event as one sortable long: seconds since the start, the kind, then the VM's place in arrival order. With
     * a largest-first policy, VMs arriving in the same hour are ordered by size and placed at the hour's start.
     */
    private long[] events(List<VmRequest> vms) {
        int n = vms.size();
        int[] rank = new int[n];
        if (policy.largestFirst()) {
            // Sort by (hour of arrival, cores descending, memory descending, index) packed into one long each.
            long[] order = new long[n];
            for (int i = 0; i < n; i++) {
                VmRequest vm = vms.get(i);
                order[i] = ((long) Math.floor(vm.arrival()) << 46) | ((long) (4095 - vm.cores()) << 34)
                        | ((long) (4095 - Math.min(4095, vm.memoryGiB())) << 22) | i;
            }
            Arrays.sort(order);
            for (int r = 0; r < n; r++) {
                rank[(int) (order[r] & (MAX_VMS - 1))] = r;
            }
        } else {
            for (int i = 0; i < n; i++) {
                rank[i] = i;                                // the trace is already in arrival order
            }
        }
        long[] events = new long[n * 4];
        int count = 0;
        for (int i = 0; i < n; i++) {
            VmRequest vm = vms.get(i);
            double arrival = policy.largestFirst() ? Math.floor(vm.arrival()) : vm.arrival();
            events[count++] = key(arrival, ARRIVE, i, rank[i]);
            events[count++] = key(vm.departure(), DEPART, i, rank[i]);
            if (vm.stops()) {
                events[count++] = key(vm.stopAt(), STOP, i, rank[i]);
                events[count++] = key(vm.restartAt(), RESTART, i, rank[i]);
            }
        }
        long[] sorted = Arrays.copyOf(events, count);
        Arrays.sort(sorted);
        // The low bits held the rank for ordering; put the VM's index there now.
        int[] byRank = new int[n];
        for (int i = 0; i < n; i++) {
            byRank[rank[i]] = i;
        }
        for (int e = 0; e < count; e++) {
            sorted[e] = (sorted[e] & ~(long) (MAX_VMS - 1)) | byRank[(int) (sorted[e] & (MAX_VMS - 1))];
        }
        return sorted;
    }

    private static long key(double hours, int kind, int index, int rank) {
        long seconds = Math.round(hours * 3600);
        return (seconds << 24) | ((long) kind << 22) | rank;
    }

    private static Table daily(int[] busy, int[] cores, int samples) {
        IntColumn day = IntColumn.create("day");
        IntColumn hosts = IntColumn.create("hosts_in_use");
        DoubleColumn used = DoubleColumn.create("cores_in_use");
        for (int d = 0; d < samples; d++) {
            day.append(d);
            hosts.append(busy[d]);
            used.append(cores[d]);
        }
        return Table.create("hosts in use by day", day, hosts, used);
    }
}
