package vmlab.machine;

/** The three privilege modes of the RISC-V privileged architecture, encoded as the spec does (2 is reserved). */
public final class Privilege {
    public static final int USER = 0;
    public static final int SUPERVISOR = 1;
    public static final int MACHINE = 3;

    private Privilege() {
    }

    public static String name(int mode) {
        return switch (mode) {
            case USER -> "U";
            case SUPERVISOR -> "S";
            case MACHINE -> "M";
            default -> "?" + mode;
        };
    }
}
