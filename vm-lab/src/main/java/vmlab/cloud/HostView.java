package vmlab.cloud;

/**
 * What a placement policy sees of the fleet: the hosts open now and what each has free. Hosts are numbered from 0 in
 * the order they were opened. {@link #firstFit} and {@link #bestFit} answer in logarithmic time, so policies built on
 * them scale to the 10,000-host benchmark; a policy may also just loop over the hosts.
 */
public interface HostView {
    int hosts();

    HostShape shape();

    int freeCores(int host);

    int freeMemoryGiB(int host);

    /** VMs running on the host now. */
    int vms(int host);

    /** Whether more hosts may still be opened (false for a fixed fleet that is all open). */
    boolean canOpen();

    /** The lowest-numbered open host with room, or -1. */
    int firstFit(int cores, int memoryGiB);

    /** The open host with room whose free cores (then memory) are fewest, or -1. */
    int bestFit(int cores, int memoryGiB);

    default boolean fits(int host, int cores, int memoryGiB) {
        return host >= 0 && host < hosts() && freeCores(host) >= cores && freeMemoryGiB(host) >= memoryGiB;
    }
}
