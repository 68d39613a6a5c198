package vmlab.machine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flattened device tree (FDT, "DTB", devicetree specification v0.4 chapter 5) that a {@link VirtBoard} hands its
 * firmware in a1, describing the board as it is built: RAM's base and size, the hart, the CLINT, the PLIC, the UART,
 * {@code sifive_test} and the eight virtio-mmio slots, with the node names, {@code compatible} strings and interrupt
 * numbers QEMU's {@code virt} board uses, so a kernel that reads QEMU's tree reads this one the same way.
 *
 * <p>The blob: a 40-byte header, an empty memory reservation map, the structure block (tokens BEGIN_NODE, PROP,
 * END_NODE, END, all big-endian and 4-byte aligned) and the strings block (property names, each stored once).
 */
public final class DeviceTree {
    public static final int MAGIC = 0xd00d_feed;
    /** Ticks of {@code mtime} per second, as on QEMU's virt board. */
    public static final int TIMEBASE_HZ = 10_000_000;
    /** The UART's input clock QEMU's tree states (3.6864 MHz); the divisor latch is accepted but changes nothing. */
    static final int UART_CLOCK_HZ = 3_686_400;
    private static final int BEGIN_NODE = 1, END_NODE = 2, PROP = 3, END = 9;
    private static final int CPU_INTC = 1, PLIC_PHANDLE = 2;
    /** Interrupt numbers at the hart's local controller: S and M software, S and M timer, S and M external. */
    private static final int S_SOFT = 1, M_SOFT = 3, S_TIMER = 5, M_TIMER = 7, S_EXT = 9, M_EXT = 11;

    private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new LinkedHashMap<>();

    private DeviceTree() {
    }

    /**
     * Where QEMU 7.2 puts the tree ({@code riscv_load_fdt}): below RAM's end, but under 3 GiB, aligned down to 2 MiB.
     * Both VM Lab's board and the hypervisor's VMs follow it, so a kernel finds the tree at the same place everywhere.
     */
    public static int address(int ramBase, long ramSize, int treeLength) {
        long end = Math.min((ramBase & 0xFFFF_FFFFL) + ramSize, 0xC000_0000L);
        return (int) ((end - treeLength) & ~((2L << 20) - 1));
    }

    /** The tree for a virt board with {@code ramSize} bytes of RAM at {@code ramBase}. */
    public static byte[] forVirtBoard(int ramBase, long ramSize) {
        DeviceTree t = new DeviceTree();
        t.begin("");
        t.cells("#address-cells", 2);
        t.cells("#size-cells", 2);
        t.string("compatible", "riscv-virtio");
        t.string("model", "riscv-virtio,qemu");

        t.begin("chosen");
        t.string("stdout-path", String.format("/soc/serial@%x", Uart.BASE));
        t.end();

        t.begin(String.format("memory@%x", ramBase));
        t.string("device_type", "memory");
        t.reg(ramBase & 0xFFFF_FFFFL, ramSize);
        t.end();

        t.begin("cpus");
        t.cells("#address-cells", 1);
        t.cells("#size-cells", 0);
        t.cells("timebase-frequency", TIMEBASE_HZ);
        t.begin("cpu@0");
        t.string("device_type", "cpu");
        t.cells("reg", 0);
        t.string("status", "okay");
        t.string("compatible", "riscv");
        t.string("riscv,isa", "rv32ima_zicsr_zifencei");
        t.string("mmu-type", "riscv,sv32");
        t.begin("interrupt-controller");
        t.cells("#interrupt-cells", 1);
        t.empty("interrupt-controller");
        t.string("compatible", "riscv,cpu-intc");
        t.cells("phandle", CPU_INTC);
        t.end();
        t.end();
        t.end();

        t.begin("soc");
        t.cells("#address-cells", 2);
        t.cells("#size-cells", 2);
        t.string("compatible", "simple-bus");
        t.empty("ranges");

        t.begin(String.format("test@%x", PowerControl.BASE));
        t.string("compatible", "sifive,test1", "sifive,test0", "syscon");
        t.reg(PowerControl.BASE, 0x1000);
        t.end();

        t.begin(String.format("clint@%x", Clint.BASE));
        t.string("compatible", "sifive,clint0", "riscv,clint0");
        t.reg(Clint.BASE, 0x1_0000);
        t.cells("interrupts-extended", CPU_INTC, M_SOFT, CPU_INTC, M_TIMER);
        t.end();

        t.begin(String.format("plic@%x", Plic.BASE));
        t.string("compatible", "sifive,plic-1.0.0", "riscv,plic0");
        t.reg(Plic.BASE, 0x400_0000);
        t.cells("#interrupt-cells", 1);
        t.cells("#address-cells", 0);
        t.empty("interrupt-controller");
        t.cells("riscv,ndev", Plic.SOURCES - 1);
        // Context 0 drives the hart's M external interrupt, context 1 its S external interrupt.
        t.cells("interrupts-extended", CPU_INTC, M_EXT, CPU_INTC, S_EXT);
        t.cells("phandle", PLIC_PHANDLE);
        t.end();

        t.begin(String.format("serial@%x", Uart.BASE));
        t.string("compatible", "ns16550a");
        t.reg(Uart.BASE, 0x100);
        t.cells("clock-frequency", UART_CLOCK_HZ);
        t.cells("interrupts", Machine.UART_IRQ);
        t.cells("interrupt-parent", PLIC_PHANDLE);
        t.end();

        for (int slot = 0; slot < VirtioMmio.SLOTS; slot++) {
            int base = VirtioMmio.FIRST_BASE + slot * 0x1000;
            t.begin(String.format("virtio_mmio@%x", base));
            t.string("compatible", "virtio,mmio");
            t.reg(base, 0x1000);
            t.cells("interrupts", VirtioMmio.FIRST_IRQ + slot);
            t.cells("interrupt-parent", PLIC_PHANDLE);
            t.end();
        }
        t.end(); // soc
        t.end(); // root
        return t.blob();
    }

    private void begin(String name) {
        word(structure, BEGIN_NODE);
        text(structure, name);
    }

    private void end() {
        word(structure, END_NODE);
    }

    private void cells(String name, int... values) {
        byte[] data = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            put(data, 4 * i, values[i]);
        }
        property(name, data);
    }

    /** A {@code reg} of one (address, size) pair, two cells each, as the root and soc nodes declare. */
    private void reg(long address, long size) {
        cells("reg", (int) (address >>> 32), (int) address, (int) (size >>> 32), (int) size);
    }

    /** A string property; several strings make a string list (each NUL-terminated). */
    private void string(String name, String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            out.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        property(name, out.toByteArray());
    }

    private void empty(String name) {
        property(name, new byte[0]);
    }

    private void property(String name, byte[] value) {
        word(structure, PROP);
        word(structure, value.length);
        word(structure, stringOffsets.computeIfAbsent(name, n -> {
            int at = strings.size();
            strings.writeBytes(n.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
            return at;
        }));
        structure.writeBytes(value);
        pad(structure);
    }

    private byte[] blob() {
        word(structure, END);
        int header = 40, reservations = 16; // the reservation map is one terminating (0, 0) entry
        int structOffset = header + reservations;
        int stringsOffset = structOffset + structure.size();
        int total = stringsOffset + strings.size();
        byte[] out = new byte[(total + 7) & ~7];
        int[] fields = {MAGIC, out.length, structOffset, stringsOffset, header, 17, 16, 0, strings.size(),
                structure.size()};
        for (int i = 0; i < fields.length; i++) {
            put(out, 4 * i, fields[i]);
        }
        System.arraycopy(structure.toByteArray(), 0, out, structOffset, structure.size());
        System.arraycopy(strings.toByteArray(), 0, out, stringsOffset, strings.size());
        return out;
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        pad(out);
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }

    private static void word(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void put(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
