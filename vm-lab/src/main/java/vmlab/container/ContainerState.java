package vmlab.container;

/** The states {@code docker ps -a} shows. */
public enum ContainerState {
    CREATED, RUNNING, EXITED;

    /** As Docker prints it: "created", "running", "exited". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
