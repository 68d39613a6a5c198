package vmlab.cloud;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The hosts of a data center during a simulation, and what each has free. Two indexes keep placement fast at 10,000
 * hosts: a segment tree of the largest free cores and memory under each node (first fit walks down to the leftmost host
 * with room), and a sorted set of (free cores, free memory, host) for best fit.
 */
final class Fleet implements HostView {
    private final HostShape shape;
    private final int limit;
    private int open;
    private int[] freeCores = new int[0];
    private int[] freeMemory = new int[0];
    private int[] vms = new int[0];
    private int busyHosts;
    /** Segment tree over host slots: maximum free cores and memory below each node; unopened slots hold -1. */
    private int[] treeCores = new int[0];
    private int[] treeMemory = new int[0];
    private int leaves;
    private final TreeSet<Long> bySpace = new TreeSet<>();

    Fleet(HostShape shape, int limit) {
        this.shape = shape;
        this.limit = limit;
        grow(Math.min(limit, 64));
    }

    private void grow(int slots) {
        int newLeaves = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
        freeCores = Arrays.copyOf(freeCores, newLeaves);
        freeMemory = Arrays.copyOf(freeMemory, newLeaves);
        vms = Arrays.copyOf(vms, newLeaves);
        leaves = newLeaves;
        treeCores = new int[2 * leaves];
        treeMemory = new int[2 * leaves];
        Arrays.fill(treeCores, -1);
        Arrays.fill(treeMemory, -1);
        for (int h = 0; h < open; h++) {
            treeCores[leaves + h] = freeCores[h];
            treeMemory[leaves + h] = freeMemory[h];
        }
        for (int n = leaves - 1; n >= 1; n--) {
            treeCores[n] = Math.max(treeCores[2 * n], treeCores[2 * n + 1]);
            treeMemory[n] = Math.max(treeMemory[2 * n], treeMemory[2 * n + 1]);
        }
    }

    @Override
    public int hosts() {
        return open;
    }

    @Override
    public HostShape shape() {
        return shape;
    }

    @Override
    public int freeCores(int host) {
        check(host);
        return freeCores[host];
    }

    @Override
    public int freeMemoryGiB(int host) {
        check(host);
        return freeMemory[host];
    }

    @Override
    public int vms(int host) {
        check(host);
        return vms[host];
    }

    private void check(int host) {
        if (host < 0 || host >= open) {
            throw new IndexOutOfBoundsException("host " + host + " is not open; hosts 0 to " + (open - 1) + " are");
        }
    }

    @Override
    public boolean canOpen() {
        return open < limit;
    }

    int busyHosts() {
        return busyHosts;
    }

    int open() {
        if (!canOpen()) {
            throw new IllegalStateException("the fleet's " + limit + " hosts are all open");
        }
        if (open == leaves) {
            grow(Math.min(limit, leaves * 2));
        }
        int host = open++;
        freeCores[host] = shape.cores();
        freeMemory[host] = shape.memoryGiB();
        bySpace.add(key(host));
        update(host);
        return host;
    }

    void take(int host, int cores, int memory) {
        change(host, -cores, -memory, +1);
    }

    void release(int host, int cores, int memory) {
        change(host, cores, memory, -1);
    }

    private void change(int host, int cores, int memory, int vmCount) {
        bySpace.remove(key(host));
        if (vms[host] == 0 && vmCount > 0) {
            busyHosts++;
        }
        freeCores[host] += cores;
        freeMemory[host] += memory;
        vms[host] += vmCount;
        if (vms[host] == 0 && vmCount < 0) {
            busyHosts--;
        }
        bySpace.add(key(host));
        update(host);
    }

    private long key(int host) {
        return ((long) freeCores[host] << 43) | ((long) freeMemory[host] << 22) | host;
    }

    private void update(int host) {
        int n = leaves + host;
        treeCores[n] = freeCores[host];
        treeMemory[n] = freeMemory[host];
        for (n >>= 1; n >= 1; n >>= 1) {
            treeCores[n] = Math.max(treeCores[2 * n], treeCores[2 * n + 1]);
            treeMemory[n] = Math.max(treeMemory[2 * n], treeMemory[2 * n + 1]);
        }
    }

    @Override
    public int firstFit(int cores, int memoryGiB) {
        return leftmost(1, cores, memoryGiB);
    }

    /** The leftmost leaf under node n with room; the maxima prune subtrees, the two resources may need a step back. */
    private int leftmost(int n, int cores, int memory) {
        if (treeCores[n] < cores || treeMemory[n] < memory) {
            return -1;
        }
        if (n >= leaves) {
            return n - leaves;
        }
        int left = leftmost(2 * n, cores, memory);
        return left >= 0 ? left : leftmost(2 * n + 1, cores, memory);
    }

    @Override
    public int bestFit(int cores, int memoryGiB) {
        for (Long k = bySpace.ceiling((long) cores << 43); k != null; k = bySpace.higher(k)) {
            int host = (int) (k & ((1 << 22) - 1));
            if (freeMemory[host] >= memoryGiB) {
                return host;
            }
        }
        return -1;
    }
}
