package vmlab.engine;

import static vmlab.engine.Predecoder.*;

/** The M extension's rarer half (high products, division with the spec's corner cases), shared by the fast engines. */
public final class Arithmetic {
    private Arithmetic() {
    }

    static int mulDiv(int kind, int a, int b) {
        return switch (kind) {
            case MULH -> (int) (((long) a * b) >> 32);
            case MULHSU -> (int) (((long) a * (b & 0xFFFF_FFFFL)) >> 32);
            case MULHU -> (int) (((a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL)) >>> 32);
            case DIV -> b == 0 ? -1 : a / b;             // MIN / -1 = MIN in Java as in RISC-V
            case DIVU -> b == 0 ? -1 : Integer.divideUnsigned(a, b);
            case REM -> b == 0 ? a : a % b;
            case REMU -> b == 0 ? a : Integer.remainderUnsigned(a, b);
            default -> throw new IllegalArgumentException("not a multiply or divide: " + kind);
        };
    }

    // One small method per operation, for translated code: HotSpot inlines them into the generated method.
    public static int mulh(int a, int b) { return (int) (((long) a * b) >> 32); }

    public static int mulhsu(int a, int b) { return (int) (((long) a * (b & 0xFFFF_FFFFL)) >> 32); }

    public static int mulhu(int a, int b) { return (int) (((a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL)) >>> 32); }

    public static int div(int a, int b) { return b == 0 ? -1 : a / b; }

    public static int divu(int a, int b) { return b == 0 ? -1 : Integer.divideUnsigned(a, b); }

    public static int rem(int a, int b) { return b == 0 ? a : a % b; }

    public static int remu(int a, int b) { return b == 0 ? a : Integer.remainderUnsigned(a, b); }
}
