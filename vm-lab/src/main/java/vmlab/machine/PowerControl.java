package vmlab.machine;

/**
 * QEMU's {@code sifive_test} device at 0x0010_0000: a guest powers the machine off by writing one word.
 * {@code 0x5555} = pass (exit status 0); {@code 0x3333 | code << 16} = fail with {@code code}; {@code 0x7777} = reset,
 * which the lab treats as a power-off with status 0 too.
 */
public final class PowerControl implements Device {
    public static final int BASE = 0x0010_0000;
    private final Machine machine;

    public PowerControl(Machine machine) {
        this.machine = machine;
    }

    @Override
    public String name() {
        return "sifive_test";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x1000;
    }

    @Override
    public long read(int offset, int size) {
        return offset == 0 && size == 4 ? 0 : Bus.FAULT;
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (offset != 0 || size != 4) {
            return false;
        }
        switch (value & 0xFFFF) {
            case 0x5555 -> machine.exit(0, "powered off (sifive_test pass)");
            case 0x3333 -> machine.exit(value >>> 16, "powered off (sifive_test fail, code " + (value >>> 16) + ")");
            case 0x7777 -> machine.exit(0, "reset requested (sifive_test)");
            default -> { } // other values are ignored, as by QEMU
        }
        return true;
    }
}
