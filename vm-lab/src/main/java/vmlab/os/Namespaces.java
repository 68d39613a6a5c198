package vmlab.os;

/**
 * The namespaces a process lives in: what it sees as its process numbers, its mounted files, its host name, its user
 * ids, and its System V IPC objects. Processes share namespaces unless they were created in new ones (a container's
 * first process is). The lab has no System V IPC and no network, so the IPC namespace only carries a name; it is
 * listed so that {@code inspect} shows all the namespaces a container gets.
 */
public record Namespaces(PidNamespace pid, MountTable mount, UtsNamespace uts, String ipc, UserNamespace user) {
    /** The host's: host pids, the given mounts, host name "vmlab", user 1000. */
    public static Namespaces host(MountTable mounts) {
        return new Namespaces(PidNamespace.root(), mounts, new UtsNamespace("vmlab"), "host", UserNamespace.HOST);
    }

    /** The same namespaces but another mount table (a process given its own lab directory). */
    public Namespaces withMounts(MountTable mounts) {
        return new Namespaces(pid, mounts, uts, ipc, user);
    }

    /**
     * New namespaces of every kind for a container: a child PID namespace (its first process is PID 1), its own mounts,
     * host name, IPC, and a user namespace where it is root mapped to host uid {@code hostUid}.
     */
    public Namespaces isolated(String name, MountTable mounts, String hostname, int hostUid) {
        return new Namespaces(pid.child(name), mounts, new UtsNamespace(hostname), "ipc:" + name,
                UserNamespace.rootMappedTo(name, hostUid));
    }
}
