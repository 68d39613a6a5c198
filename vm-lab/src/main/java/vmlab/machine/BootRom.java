package vmlab.machine;

/**
 * The reset ROM of QEMU's {@code virt} board at 0x1000, word for word as QEMU 7.2 fills it for {@code -bios}: six
 * instructions that set a0 = hart id, a1 = the device tree's address, a2 = the {@code fw_dynamic_info} block, and jump
 * to the firmware at 0x8000_0000. The info block (OpenSBI's "fw_dynamic" convention) tells the firmware where the
 * {@code -kernel} image is ({@code next_addr}) and that it runs in S-mode ({@code next_mode} = 1).
 *
 * <pre>
 * 0x1000  auipc t0, 0; addi a2, t0, 0x28; csrr a0, mhartid; lw a1, 0x20(t0); lw t0, 0x18(t0); jr t0
 * 0x1018  firmware address (64-bit)      0x1020  device tree address (64-bit)
 * 0x1028  fw_dynamic_info: magic "OSBI" 0x4942534f, version 2, next_addr, next_mode, options 0, boot_hart 0
 * </pre>
 */
public final class BootRom implements Device {
    public static final int BASE = 0x1000;
    public static final int FW_DYNAMIC_INFO = BASE + 0x28;
    private final int[] words = new int[16];

    public BootRom(int firmware, int deviceTree, int kernel) {
        int[] code = {0x00000297, 0x02828613, 0xf1402573, 0x0202a583, 0x0182a283, 0x00028067};
        System.arraycopy(code, 0, words, 0, code.length);
        words[6] = firmware;
        words[8] = deviceTree;
        words[10] = 0x4942534f;
        words[11] = 2;
        words[12] = kernel;
        words[13] = 1; // next_mode: S
    }

    @Override
    public String name() {
        return "boot ROM";
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
        int word = offset >>> 2;
        if (word >= words.length) {
            return 0;
        }
        long value = (words[word] & 0xFFFF_FFFFL) >>> (8 * (offset & 3));
        if ((offset & 3) + size > 4) {
            return Bus.FAULT; // a read across two ROM words: no guest code needs one
        }
        return size == 4 ? value : value & ((1L << (8 * size)) - 1);
    }

    @Override
    public boolean write(int offset, int size, int value) {
        return false; // ROM
    }
}
