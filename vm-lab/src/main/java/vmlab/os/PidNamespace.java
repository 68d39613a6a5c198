package vmlab.os;

import java.util.HashMap;
import java.util.Map;

/**
 * A PID namespace: its own numbering of processes, starting at 1. A process has a number in its own namespace and in
 * every ancestor one (the host sees container processes with host numbers; the container sees only its own, its first
 * process being PID 1). When PID 1 of a namespace ends, the kernel kills every other process in it, as Linux does.
 */
public final class PidNamespace {
    private final PidNamespace parent;
    private final Map<Integer, Integer> localByHost = new HashMap<>();
    private final Map<Integer, Integer> hostByLocal = new HashMap<>();
    private int nextLocal = 1;
    private final String name;

    private PidNamespace(PidNamespace parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    /** The host's namespace, where a process's number is its host pid. */
    public static PidNamespace root() {
        return new PidNamespace(null, "host");
    }

    public PidNamespace child(String childName) {
        return new PidNamespace(this, childName);
    }

    public PidNamespace parent() {
        return parent;
    }

    public String name() {
        return name;
    }

    /** Gives host process {@code hostPid} a number here and in every ancestor. */
    void register(int hostPid) {
        for (PidNamespace ns = this; ns != null; ns = ns.parent) {
            int local = ns.parent == null ? hostPid : ns.nextLocal++;
            ns.localByHost.put(hostPid, local);
            ns.hostByLocal.put(local, hostPid);
        }
    }

    void unregister(int hostPid) {
        for (PidNamespace ns = this; ns != null; ns = ns.parent) {
            Integer local = ns.localByHost.remove(hostPid);
            if (local != null) {
                ns.hostByLocal.remove(local);
            }
        }
    }

    /** The number host process {@code hostPid} has here, or 0 if it is not visible from here. */
    public int localPid(int hostPid) {
        return localByHost.getOrDefault(hostPid, 0);
    }

    /** The host pid of the process numbered {@code local} here, or 0 if there is none. */
    public int hostPid(int local) {
        return hostByLocal.getOrDefault(local, 0);
    }

    /** Host pids of the live processes visible here (this namespace's and its descendants'). */
    public java.util.Set<Integer> members() {
        return java.util.Set.copyOf(localByHost.keySet());
    }

    /** True if this is {@code other} or one of its ancestors (so it can see other's processes). */
    public boolean encloses(PidNamespace other) {
        for (PidNamespace ns = other; ns != null; ns = ns.parent) {
            if (ns == this) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "pid namespace " + name + " (" + localByHost.size() + " processes)";
    }
}
