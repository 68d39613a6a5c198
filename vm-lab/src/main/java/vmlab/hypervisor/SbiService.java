package vmlab.hypervisor;

/**
 * The Supervisor Binary Interface as this lab serves it: the calls an S-mode kernel makes with {@code ecall} (extension
 * in a7, function in a6, arguments in a0..a5, error and value back in a0 and a1). One implementation for two callers:
 * {@link JavaFirmware}, standing in for M-mode firmware on a bare machine, and the hypervisor, which plays the firmware's
 * part for its guests as KVM does. Sharing it is what makes their answers identical.
 *
 * <p>Served: BASE (spec version 2.0, probe), TIME (set_timer), DBCN (console write, write byte), SRST (shutdown and
 * reboot, both ending the run) and the legacy console putchar, getchar and shutdown.
 */
public final class SbiService {
    public static final int LEGACY_SET_TIMER = 0x00, LEGACY_PUTCHAR = 0x01, LEGACY_GETCHAR = 0x02, LEGACY_SHUTDOWN = 0x08;
    public static final int BASE = 0x10, TIME = 0x5449_4D45, IPI = 0x0073_5049, DBCN = 0x4442_434E, SRST = 0x5352_5354;
    public static final int SUCCESS = 0, ERR_NOT_SUPPORTED = -2, ERR_INVALID_PARAM = -3;
    /** SBI 2.0, as a0 of get_spec_version reports it (major in bits 24..30). */
    public static final int SPEC_VERSION = 2 << 24;
    /** The implementation ID: 0..5 are taken by real firmwares; this one is the lab's. */
    public static final int IMPLEMENTATION_ID = 0x564D;

    /** What the firmware's side of a call can do on the platform it runs on. */
    public interface Platform {
        /** One byte to the console. */
        void putByte(int b);

        /** {@code length} bytes of (guest-)physical memory at {@code address}, or null if they are not all RAM. */
        byte[] readPhysical(int address, int length);

        /** Arms the supervisor timer for {@code time} (and clears a pending supervisor timer interrupt). */
        void setTimer(long time);

        /** Shutdown or reboot: the run ends with this status. */
        void powerOff(int status, String reason);
    }

    private SbiService() {
    }

    /** Serves the call in {@code x} (the integer registers) and writes the results to a0 and a1. */
    public static void call(int[] x, Platform platform) {
        int extension = x[17], function = x[16];
        int a0 = x[10], a1 = x[11];
        switch (extension) {
            case LEGACY_PUTCHAR -> {
                platform.putByte(a0 & 0xFF);
                x[10] = 0;
                return;
            }
            case LEGACY_GETCHAR -> {
                x[10] = -1; // no input is ever waiting
                return;
            }
            case LEGACY_SET_TIMER -> {
                platform.setTimer((a0 & 0xFFFF_FFFFL) | (long) a1 << 32);
                x[10] = 0;
                return;
            }
            case LEGACY_SHUTDOWN -> {
                platform.powerOff(0, "SBI legacy shutdown");
                return;
            }
            default -> { }
        }
        long[] result = switch (extension) {
            case BASE -> base(function, a0);
            case TIME -> {
                if (function != 0) {
                    yield new long[] {ERR_NOT_SUPPORTED, 0};
                }
                platform.setTimer((a0 & 0xFFFF_FFFFL) | (long) a1 << 32);
                yield new long[] {SUCCESS, 0};
            }
            case DBCN -> console(function, x, platform);
            case SRST -> reset(function, a0, a1, platform);
            default -> new long[] {ERR_NOT_SUPPORTED, 0};
        };
        x[10] = (int) result[0];
        x[11] = (int) result[1];
    }

    private static long[] base(int function, int a0) {
        return switch (function) {
            case 0 -> new long[] {SUCCESS, SPEC_VERSION};
            case 1 -> new long[] {SUCCESS, IMPLEMENTATION_ID};
            case 2 -> new long[] {SUCCESS, 1};
            case 3 -> new long[] {SUCCESS, supports(a0) ? 1 : 0};
            case 4, 5, 6 -> new long[] {SUCCESS, 0}; // mvendorid, marchid, mimpid
            default -> new long[] {ERR_NOT_SUPPORTED, 0};
        };
    }

    /** True for the extensions {@link #call} serves. */
    public static boolean supports(int extension) {
        return extension == BASE || extension == TIME || extension == DBCN || extension == SRST
                || extension == LEGACY_PUTCHAR || extension == LEGACY_GETCHAR || extension == LEGACY_SET_TIMER
                || extension == LEGACY_SHUTDOWN;
    }

    private static long[] console(int function, int[] x, Platform platform) {
        switch (function) {
            case 0 -> { // write(num_bytes, base_addr_lo, base_addr_hi)
                int length = x[10];
                if (x[12] != 0 || length < 0) {
                    return new long[] {ERR_INVALID_PARAM, 0};
                }
                byte[] bytes = platform.readPhysical(x[11], length);
                if (bytes == null) {
                    return new long[] {ERR_INVALID_PARAM, 0};
                }
                for (byte b : bytes) {
                    platform.putByte(b & 0xFF);
                }
                return new long[] {SUCCESS, length};
            }
            case 2 -> { // write_byte
                platform.putByte(x[10] & 0xFF);
                return new long[] {SUCCESS, 0};
            }
            default -> {
                return new long[] {ERR_NOT_SUPPORTED, 0}; // read: no console input here
            }
        }
    }

    /** Shutdown (type 0) and reboots (1, 2) end the run; reason 0 is a clean stop, 0xF000_00nn carries a status nn. */
    private static long[] reset(int function, int type, int reason, Platform platform) {
        if (function != 0 || type < 0 || type > 2) {
            return new long[] {ERR_INVALID_PARAM, 0};
        }
        int status = reason == 0 ? 0 : (reason & 0xF000_0000) == 0xF000_0000 ? reason & 0xFF : 1;
        String what = type == 0 ? "shutdown" : "reboot";
        platform.powerOff(status, String.format("SBI system reset: %s, reason 0x%x (status %d)", what, reason, status));
        return new long[] {SUCCESS, 0};
    }
}
