package vmlab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device tree VM Lab's virt board hands its firmware, against the one QEMU's virt board generates
 * ({@code qemu-system-riscv32 -M virt,dumpdtb=FILE}): the nodes both boards have say the same addresses, sizes and
 * interrupts, and the tree lies where QEMU puts its own.
 */
class DeviceTreeTest {
    private static final Path FIRMWARE = Path.of("src/main/resources/vmlab/guest/firmware/firmware.elf");
    private static final Path KERNEL = Path.of("src/main/resources/vmlab/guest/labos/labos.elf");

    @TempDir
    Path temp;

    private byte[] qemuTree(int mib) throws IOException, InterruptedException {
        Path dump = temp.resolve("qemu-" + mib + ".dtb");
        List<String> command = List.of("qemu-system-riscv32", "-M", "virt,dumpdtb=" + dump, "-m", mib + "M",
                "-nographic", "-bios", FIRMWARE.toAbsolutePath().toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("qemu-system-riscv32 is not installed (Debian: qemu-system-misc)");
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "qemu did not finish");
        assertTrue(Files.exists(dump), "qemu dumped no tree: " + output);
        return Files.readAllBytes(dump);
    }

    @Test
    void theBoardsTreeSaysWhatQemusTreeSaysAboutMemoryAndEveryDeviceBothHave() throws Exception {
        for (int mib : new int[] {32, 96}) {
            Map<String, byte[]> qemu = FlattenedTreeReader.read(qemuTree(mib));
            Map<String, byte[]> ours = FlattenedTreeReader.read(DeviceTree.forVirtBoard(Bus.RAM_BASE, (long) mib << 20));
            List<String> compared = new ArrayList<>(List.of("/:#address-cells", "/:#size-cells", "/:compatible",
                    "/chosen:stdout-path", "/memory@80000000:device_type", "/memory@80000000:reg",
                    "/cpus:timebase-frequency", "/cpus/cpu@0:mmu-type", "/cpus/cpu@0:reg",
                    "/soc:#address-cells", "/soc:#size-cells", "/soc:compatible",
                    "/soc/serial@10000000:reg", "/soc/serial@10000000:interrupts", "/soc/serial@10000000:compatible",
                    "/soc/serial@10000000:clock-frequency", "/soc/test@100000:reg", "/soc/test@100000:compatible",
                    "/soc/clint@2000000:reg", "/soc/clint@2000000:compatible", "/soc/plic@c000000:compatible",
                    "/soc/plic@c000000:#interrupt-cells"));
            for (int slot = 0; slot < VirtioMmio.SLOTS; slot++) {
                String node = String.format("/soc/virtio_mmio@%x", VirtioMmio.FIRST_BASE + slot * 0x1000);
                compared.addAll(List.of(node + ":reg", node + ":interrupts", node + ":compatible"));
            }
            for (String key : compared) {
                assertTrue(qemu.containsKey(key), "QEMU's tree has no " + key);
                assertArrayEquals(qemu.get(key), ours.get(key), key + " with " + mib + " MiB");
            }
            // Interrupt wiring: the phandles differ, the local interrupt numbers (M/S software, timer, external) not.
            for (String key : List.of("/soc/clint@2000000:interrupts-extended", "/soc/plic@c000000:interrupts-extended")) {
                int[] q = FlattenedTreeReader.cells(qemu.get(key)), o = FlattenedTreeReader.cells(ours.get(key));
                assertEquals(q.length, o.length, key);
                for (int i = 1; i < q.length; i += 2) {
                    assertEquals(q[i], o[i], key + " cell " + i);
                }
            }
        }
    }

    @Test
    void theTreeLiesWhereQemuPutsItAndTheBootRomPassesItsAddress() throws IOException {
        Machine m = VirtBoard.create().ram(16 << 20).bios(FIRMWARE).kernel(KERNEL).build();
        int a1 = (int) m.bus.read(BootRom.BASE + 0x20, 4);
        assertEquals(0x80e0_0000, a1, "QEMU 7.2 puts the tree of a 16 MiB board at 0x80e00000");
        byte[] expected = DeviceTree.forVirtBoard(Bus.RAM_BASE, 16 << 20);
        byte[] inRam = new byte[expected.length];
        for (int i = 0; i < inRam.length; i++) {
            inRam[i] = (byte) m.bus.read(a1 + i, 1);
        }
        assertArrayEquals(expected, inRam);
        assertArrayEquals(new int[] {0, 0x8000_0000, 0, 16 << 20},
                FlattenedTreeReader.cells(FlattenedTreeReader.read(inRam).get("/memory@80000000:reg")));
    }

    @Test
    void aBoardTooSmallToHoldTheTreeBesideItsKernelPassesNone() throws IOException {
        // 5 MiB: the tree would go at 0x80400000, where labOS is loaded; it must not overwrite the kernel.
        Machine m = VirtBoard.create().ram(5 << 20).bios(FIRMWARE).kernel(KERNEL).build();
        assertEquals(0, (int) m.bus.read(BootRom.BASE + 0x20, 4), "a1");
        byte[] kernel = ElfLoader.load(KERNEL).image().segments().get(0).bytes();
        for (int i = 0; i < 4096; i++) {
            assertEquals(kernel[i], (byte) m.bus.read(0x8040_0000 + i, 1), "the kernel was overwritten at byte " + i);
        }
    }
}
