package vmlab.cloud;

/** One physical server's size: the lecture's strong 8- to 12-core machines that small tenants want only a slice of. */
public record HostShape(int cores, int memoryGiB) {
    public HostShape {
        if (cores < 1 || cores > 1 << 12 || memoryGiB < 1 || memoryGiB > 1 << 20) {
            throw new IllegalArgumentException("a host has 1 to 4096 cores and 1 GiB to 1 PiB of memory, not "
                    + cores + " cores and " + memoryGiB + " GiB");
        }
    }

    /** A 12-core server with 96 GiB, the lecture's "strong" data-center machine. */
    public static HostShape server() {
        return new HostShape(12, 96);
    }

    @Override
    public String toString() {
        return cores + " cores, " + memoryGiB + " GiB";
    }
}
