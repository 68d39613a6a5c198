package vmlab.hypervisor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vmlab.isa.Image;
import vmlab.machine.DeviceTree;
import vmlab.machine.Elf;

/**
 * What a boot loader puts in a guest's physical memory before the kernel's first instruction: the kernel's segments at
 * their physical addresses and, optionally, a Linux user program for the kernel to run, placed in the user region with
 * its initial stack (argc, argv, envp, auxv, as Linux lays them out) and described in a boot block. The same loader
 * serves a bare machine and a virtual machine, so both start from identical memory.
 *
 * <pre>
 * 0x8010_0000  boot block: "BOOT" magic, entry, sp, brk (all zero when there is no program)
 * 0x8020_0000  the kernel (where an SBI firmware hands over, as OpenSBI does)
 * 0x8040_0000  the user region: user address v lives at 0x8040_0000 + v, for v below 4 MiB
 * RAM's end    the device tree, 2 MiB-aligned below the end as QEMU puts it (a1), if RAM is big enough
 * </pre>
 */
public record GuestBoot(Elf kernel, Elf program, List<String> argv) {
    public static final int RAM_BASE = 0x8000_0000;
    public static final int BOOT_BLOCK = 0x8010_0000;
    public static final int BOOT_MAGIC = 0x544F_4F42; // "BOOT"
    public static final int USER_REGION = 0x8040_0000;
    public static final int USER_TOP = 0x0040_0000;

    /** Where the loader writes: guest-physical addresses. */
    public interface PhysicalMemory {
        /** False if some byte lies outside RAM. */
        boolean write(int address, byte[] bytes, int from, int length);

        boolean zero(int address, int length);
    }

    public GuestBoot {
        argv = List.copyOf(argv);
    }

    /** A kernel alone (it runs its built-in user task). */
    public static GuestBoot kernel(Elf kernel) {
        return new GuestBoot(kernel, null, List.of());
    }

    /** A kernel that runs {@code program} with {@code args} as argv[1..]. */
    public static GuestBoot kernelRunning(Elf kernel, Elf program, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(program.image().name());
        argv.addAll(List.of(args));
        return new GuestBoot(kernel, program, argv);
    }

    /** The smallest guest RAM this boot needs: the user region's end. */
    public static int minimumRam() {
        return USER_REGION - RAM_BASE + USER_TOP;
    }

    public int entry() {
        return kernel.image().entry();
    }

    /** Writes everything into {@code memory}; throws with a message naming what does not fit. */
    public void writeInto(PhysicalMemory memory) {
        for (Image.Segment s : kernel.image().segments()) {
            place(memory, s.address(), s, kernel.image().name());
        }
        int[] block = new int[4];
        if (program != null) {
            int end = 0;
            for (Image.Segment s : program.image().segments()) {
                long top = (s.address() & 0xFFFF_FFFFL) + s.memorySize();
                if (top > USER_TOP - (1 << 20)) {
                    throw new IllegalArgumentException(String.format("%s: segment at 0x%08x does not fit the user "
                            + "region (0..0x%08x, the top MiB being the stack)", program.image().name(), s.address(),
                            USER_TOP - (1 << 20)));
                }
                place(memory, USER_REGION + s.address(), s, program.image().name());
                end = Math.max(end, (int) top);
            }
            block = new int[] {BOOT_MAGIC, program.image().entry(), buildStack(memory), (end + 4095) & -4096};
        }
        byte[] bytes = new byte[16];
        for (int k = 0; k < 4; k++) {
            putInt(bytes, 4 * k, block[k]);
        }
        if (!memory.write(BOOT_BLOCK, bytes, 0, 16)) {
            throw new IllegalArgumentException("the guest's RAM does not reach the boot block at 0x80100000");
        }
    }

    /**
     * Writes the virt board's device tree for {@code ramBytes} of RAM where QEMU puts it ({@link DeviceTree#address}),
     * for the kernel to find in a1 as on a real board. Returns its address, or 0 if that place is not above everything
     * this loader writes (RAM under about 10 MiB): then a1 = 0, no tree.
     */
    public static int writeDeviceTree(PhysicalMemory memory, int ramBytes) {
        byte[] tree = DeviceTree.forVirtBoard(RAM_BASE, ramBytes);
        int at = DeviceTree.address(RAM_BASE, ramBytes, tree.length);
        if (Integer.compareUnsigned(at, USER_REGION + USER_TOP) < 0 || !memory.write(at, tree, 0, tree.length)) {
            return 0;
        }
        return at;
    }

    private static void place(PhysicalMemory memory, int address, Image.Segment s, String name) {
        int length = s.bytes().length;
        if (!memory.write(address, s.bytes(), 0, length)
                || !memory.zero(address + length, s.memorySize() - length)) {
            throw new IllegalArgumentException(String.format("%s: segment at 0x%08x (%d bytes) lies outside the "
                    + "guest's RAM", name, address, s.memorySize()));
        }
    }

    /** argc, argv[], NULL, envp NULL, auxv (page size, then AT_NULL) at the top of the user region; returns sp. */
    private int buildStack(PhysicalMemory memory) {
        java.io.ByteArrayOutputStream strings = new java.io.ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (String a : argv) {
            offsets.add(strings.size());
            strings.writeBytes((a + "\0").getBytes(StandardCharsets.UTF_8));
        }
        int stringsAt = (USER_TOP - 64 - strings.size()) & ~15;
        int words = 1 + argv.size() + 1 + 1 + 4;
        int sp = (stringsAt - 4 * words) & ~15;
        byte[] frame = new byte[4 * words];
        putInt(frame, 0, argv.size());
        for (int i = 0; i < offsets.size(); i++) {
            putInt(frame, 4 + 4 * i, stringsAt + offsets.get(i));
        }
        int aux = 4 * (1 + argv.size() + 2);     // after argv's NULL and envp's NULL
        putInt(frame, aux, 6);                     // AT_PAGESZ
        putInt(frame, aux + 4, 4096);              // then AT_NULL (zeros)
        byte[] text = strings.toByteArray();
        memory.write(USER_REGION + stringsAt, text, 0, text.length);
        memory.write(USER_REGION + sp, frame, 0, frame.length);
        return sp;
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
        bytes[at + 2] = (byte) (value >> 16);
        bytes[at + 3] = (byte) (value >> 24);
    }
}
