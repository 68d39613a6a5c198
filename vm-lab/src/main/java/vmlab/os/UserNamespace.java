package vmlab.os;

/**
 * A user namespace with one uid mapping line, as in {@code /proc/PID/uid_map}: ids {@code inside .. inside+count-1} in
 * here are {@code outside .. outside+count-1} in the parent. A container's root (uid 0) is an unprivileged uid on the
 * host (100000 by default, as rootless Docker maps it). Group ids are mapped the same way.
 */
public record UserNamespace(String name, int inside, int outside, int count, int uid) {
    /** The host's namespace: ids are themselves; processes run as user 1000. */
    public static final UserNamespace HOST = new UserNamespace("host", 0, 0, Integer.MAX_VALUE, 1000);

    public UserNamespace {
        if (count <= 0 || inside < 0 || outside < 0) {
            throw new IllegalArgumentException("a uid map needs non-negative ids and a positive count");
        }
    }

    /** A container's: root inside, {@code outside} on the host, 65536 ids. */
    public static UserNamespace rootMappedTo(String name, int outside) {
        return new UserNamespace(name, 0, outside, 65536, 0);
    }

    /** The host uid of id {@code id} in here, or -1 (the overflow id) if it is not mapped. */
    public int toHost(int id) {
        return id >= inside && id - inside < count ? outside + (id - inside) : -1;
    }

    /** The uid_map line: "0 100000 65536". */
    public String uidMap() {
        return inside + " " + outside + " " + count;
    }

    /** True if processes here run as root of their namespace (and may change its hostname). */
    public boolean isRoot() {
        return uid == 0;
    }
}
