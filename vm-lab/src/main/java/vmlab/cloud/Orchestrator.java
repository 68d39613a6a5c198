package vmlab.cloud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Kubernetes idea in a few lines: a service is declared as "N replicas", not started by hand, and a control loop keeps
 * the running count at N. Replicas are spread over hosts (the host with the fewest of them first), so one failing host
 * takes only its share down; the loop then starts replacements on the hosts left. Time is simulated, in hours.
 * <pre>
 * Orchestrator.hosts(3, HostShape.server()).service("web", 6, 1, 2).failHost(1, 10).recoverHost(1, 30).run(48)
 * </pre>
 */
public final class Orchestrator {
    private final int hostCount;
    private final HostShape shape;
    private String service = "web";
    private int replicas = 3, cores = 1, memoryGiB = 1;
    private double startSeconds = 1;
    private final List<double[]> faults = new ArrayList<>();   // {hour, kind, target}
    private static final int FAIL = 0, RECOVER = 1, EXIT = 2;

    private Orchestrator(int hostCount, HostShape shape) {
        this.hostCount = hostCount;
        this.shape = shape;
    }

    public static Orchestrator hosts(int count, HostShape shape) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("1 to 10,000 hosts, not " + count);
        }
        return new Orchestrator(count, shape);
    }

    /** Declares the service: its name, how many replicas must run, and each replica's cores and memory. */
    public Orchestrator service(String name, int replicas, int cores, int memoryGiB) {
        if (replicas < 1 || replicas > 100_000 || cores < 1 || memoryGiB < 1 || cores > shape.cores()
                || memoryGiB > shape.memoryGiB()) {
            throw new IllegalArgumentException("a service has 1 to 100,000 replicas, each fitting on a host (" + shape
                    + "), not " + replicas + " x " + cores + " cores, " + memoryGiB + " GiB");
        }
        this.service = name;
        this.replicas = replicas;
        this.cores = cores;
        this.memoryGiB = memoryGiB;
        return this;
    }

    /** Replicas are containers: a replacement takes the container start {@code calibration} measured. */
    public Orchestrator containerReplicas(Calibration calibration) {
        return startSeconds(calibration.containerStartSeconds());
    }

    /** Replicas are VMs: a replacement boots a guest kernel, taking the VM boot {@code calibration} measured. */
    public Orchestrator vmReplicas(Calibration calibration) {
        return startSeconds(calibration.vmBootSeconds());
    }

    /** How long a replacement takes to start: take it from a measured container start, not a guess. */
    public Orchestrator startSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a start time is 0 s or more, not " + seconds);
        }
        this.startSeconds = seconds;
        return this;
    }

    public Orchestrator failHost(int host, double atHour) {
        return fault(FAIL, host, atHour);
    }

    public Orchestrator recoverHost(int host, double atHour) {
        return fault(RECOVER, host, atHour);
    }

    /** Replica {@code index} exits on its own (a crash, an out-of-memory kill) at the given hour. */
    public Orchestrator replicaExits(int index, double atHour) {
        if (index < 0 || index >= replicas) {
            throw new IllegalArgumentException("replica " + index + " does not exist; there are " + replicas);
        }
        return fault(EXIT, index, atHour);
    }

    private Orchestrator fault(int kind, int target, double atHour) {
        if (kind != EXIT && (target < 0 || target >= hostCount)) {
            throw new IllegalArgumentException("host " + target + " does not exist; hosts are 0 to " + (hostCount - 1));
        }
        if (!(atHour >= 0)) {
            throw new IllegalArgumentException("an event happens at hour 0 or later, not " + atHour);
        }
        faults.add(new double[] {atHour, kind, target});
        return this;
    }

    public OrchestrationResult run(double hours) {
        boolean[] up = new boolean[hostCount];
        java.util.Arrays.fill(up, true);
        int[] freeCores = new int[hostCount], freeMemory = new int[hostCount], mine = new int[hostCount];
        java.util.Arrays.fill(freeCores, shape.cores());
        java.util.Arrays.fill(freeMemory, shape.memoryGiB());
        int[] hostOf = new int[replicas];           // -1: not running
        boolean[] starting = new boolean[replicas];
        java.util.Arrays.fill(hostOf, -1);
        Log log = new Log();
        PriorityQueue<double[]> queue = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> e[0])
                .thenComparingDouble(e -> e[1]));
        faults.forEach(queue::add);
        double startHours = startSeconds / 3600;
        double now = 0;
        int minimum = Integer.MAX_VALUE;
        reconcile(now, up, freeCores, freeMemory, mine, hostOf, starting, queue, startHours, log);
        while (!queue.isEmpty() && queue.peek()[0] <= hours) {
            double[] e = queue.poll();
            now = e[0];
            int kind = (int) e[1], target = (int) e[2];
            switch (kind) {
                case FAIL -> {
                    if (up[target]) {
                        up[target] = false;
                        log.add(now, "host failed", "", target);
                        for (int r = 0; r < replicas; r++) {
                            if (hostOf[r] == target) {
                                log.add(now, "replica lost", name(r), target);
                                hostOf[r] = -1;
                                starting[r] = false;
                            }
                        }
                        freeCores[target] = shape.cores();
                        freeMemory[target] = shape.memoryGiB();
                        mine[target] = 0;
                    }
                }
                case RECOVER -> {
                    if (!up[target]) {
                        up[target] = true;
                        log.add(now, "host back", "", target);
                    }
                }
                case EXIT -> {
                    if (hostOf[target] >= 0) {
                        int h = hostOf[target];
                        log.add(now, "replica exited", name(target), h);
                        free(h, freeCores, freeMemory, mine);
                        hostOf[target] = -1;
                        starting[target] = false;
                    }
                }
                case 3 -> {                                     // a replacement finished starting
                    if (starting[target] && hostOf[target] >= 0) {
                        starting[target] = false;
                        log.add(now, "replica running", name(target), hostOf[target]);
                    }
                }
                default -> throw new AssertionError(kind);
            }
            reconcile(now, up, freeCores, freeMemory, mine, hostOf, starting, queue, startHours, log);
            minimum = Math.min(minimum, running(hostOf, starting));
        }
        return new OrchestrationResult(service, replicas, log.table(), minimum == Integer.MAX_VALUE
                ? running(hostOf, starting) : minimum, running(hostOf, starting), startSeconds);
    }

    /** The control loop's one step: every replica that should run and does not gets a host, if any has room. */
    private void reconcile(double now, boolean[] up, int[] freeCores, int[] freeMemory, int[] mine, int[] hostOf,
                           boolean[] starting, PriorityQueue<double[]> queue, double startHours, Log log) {
        for (int r = 0; r < replicas; r++) {
            if (hostOf[r] >= 0) {
                continue;
            }
            int best = -1;
            for (int h = 0; h < hostCount; h++) {
                if (up[h] && freeCores[h] >= cores && freeMemory[h] >= memoryGiB && (best < 0 || mine[h] < mine[best])) {
                    best = h;
                }
            }
            if (best < 0) {
                continue;                                       // pending: no host has room now
            }
            hostOf[r] = best;
            freeCores[best] -= cores;
            freeMemory[best] -= memoryGiB;
            mine[best]++;
            if (now == 0) {
                log.add(now, "replica running", name(r), best);
            } else {
                starting[r] = true;
                log.add(now, "replica starting", name(r), best);
                queue.add(new double[] {now + startHours, 3, r});
            }
        }
    }

    private void free(int host, int[] freeCores, int[] freeMemory, int[] mine) {
        freeCores[host] += cores;
        freeMemory[host] += memoryGiB;
        mine[host]--;
    }

    private static int running(int[] hostOf, boolean[] starting) {
        int n = 0;
        for (int r = 0; r < hostOf.length; r++) {
            if (hostOf[r] >= 0 && !starting[r]) {
                n++;
            }
        }
        return n;
    }

    private String name(int replica) {
        return service + "-" + replica;
    }

    private static final class Log {
        final DoubleColumn time = DoubleColumn.create("time_h");
        final StringColumn event = StringColumn.create("event");
        final StringColumn replica = StringColumn.create("replica");
        final IntColumn host = IntColumn.create("host");

        void add(double t, String what, String who, int where) {
            time.append(t);
            event.append(what);
            replica.append(who);
            host.append(where);
        }

        Table table() {
            return Table.create("orchestration events", time, event, replica, host);
        }
    }
}
