package vmlab.cloud;

/**
 * Chooses the host for a VM that arrives or restarts. It answers with a host number from the {@link HostView}, or
 * {@link #NEW_HOST} to open another server. A policy that names a host without room is caught: the simulation stops with
 * an {@link OvercommitException} instead of quietly squeezing the VM in.
 */
@FunctionalInterface
public interface PlacementPolicy {
    int NEW_HOST = -1;

    int place(HostView hosts, VmRequest vm);

    /** The name shown in results. */
    default String name() {
        return "custom policy";
    }

    /** Whether VMs arriving in the same hour are placed largest first (the "decreasing" of first-fit-decreasing). */
    default boolean largestFirst() {
        return false;
    }

    /** The first open host with room: simple and fast, the classic baseline of bin packing. */
    PlacementPolicy FIRST_FIT = named("first-fit", false, (hosts, vm) -> hosts.firstFit(vm.cores(), vm.memoryGiB()));

    /** The host left with the least room: packs tightly and keeps big holes for big VMs. */
    PlacementPolicy BEST_FIT = named("best-fit", false, (hosts, vm) -> hosts.bestFit(vm.cores(), vm.memoryGiB()));

    /** First fit, with each hour's arrivals sorted largest first. */
    PlacementPolicy FIRST_FIT_DECREASING = named("first-fit-decreasing", true,
            (hosts, vm) -> hosts.firstFit(vm.cores(), vm.memoryGiB()));

    /** A policy with a name, for charts and tables. */
    static PlacementPolicy named(String name, boolean largestFirst, PlacementPolicy rule) {
        return new PlacementPolicy() {
            @Override
            public int place(HostView hosts, VmRequest vm) {
                return rule.place(hosts, vm);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean largestFirst() {
                return largestFirst;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** A student's rule with a name: {@code PlacementPolicy.named("mine", (hosts, vm) -> ...)}. */
    static PlacementPolicy named(String name, PlacementPolicy rule) {
        return named(name, false, rule);
    }
}
