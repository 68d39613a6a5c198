package vmlab.os;

/** A UTS namespace: the host name (and NIS domain name) that {@code uname} reports; the kernel release is never its own. */
public final class UtsNamespace {
    private String hostname;

    public UtsNamespace(String hostname) {
        setHostname(hostname);
    }

    public String hostname() {
        return hostname;
    }

    /** sethostname: at most 64 bytes, as Linux's {@code __NEW_UTS_LEN}. */
    public void setHostname(String name) {
        if (name == null || name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("a host name is 1 to 64 bytes, not '" + name + "'");
        }
        this.hostname = name;
    }
}
