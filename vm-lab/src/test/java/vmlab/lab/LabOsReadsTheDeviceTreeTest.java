package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.BootRom;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;

/**
 * labOS learns its RAM from the device tree the board passes in a1 (on QEMU and on VM Lab alike), and refuses a tree it
 * cannot trust with a panic that says why, then powers off: never a hang, never a kernel fault.
 */
class LabOsReadsTheDeviceTreeTest {

    private static long freeKiB(LabComputer pc) {
        Matcher m = Pattern.compile("(\\d+) KiB free").matcher(pc.command("free").output());
        assertTrue(m.find(), pc.output());
        return Long.parseLong(m.group(1));
    }

    @Test
    void freeMemoryFollowsTheRamTheBoardWasBuiltWith(@TempDir Path dir) {
        LabComputer small = Lab.computer(dir.resolve("small.img").toString()).ram(24).powerOn();
        LabComputer big = Lab.computer(dir.resolve("big.img").toString()).ram(56).powerOn();
        assertTrue(small.console().contains("labOS 1.0: 24 MiB of RAM"), small.console());
        assertTrue(big.console().contains("labOS 1.0: 56 MiB of RAM"), big.console());
        assertEquals(32 * 1024, freeKiB(big) - freeKiB(small), "32 MiB more RAM should be 32768 KiB more free pages");
    }

    /** A board whose tree the guest will find overwritten: {@code spoil} edits the blob in place. */
    private static Machine boardWithTree(java.util.function.Consumer<byte[]> spoil) throws IOException {
        Machine m = VirtBoard.create().ram(32 << 20).bios(LabComputer.firmware().image())
                .kernel(LabComputer.kernel().image()).build();
        int at = (int) m.bus.read(BootRom.BASE + 0x20, 4);
        byte[] tree = new byte[4096];
        for (int i = 0; i < tree.length; i++) {
            tree[i] = (byte) m.bus.read(at + i, 1);
        }
        spoil.accept(tree);
        m.bus.copyIn(at, tree, 0, tree.length);
        return m;
    }

    private static void replace(byte[] blob, String from, String to) {
        String text = new String(blob, StandardCharsets.ISO_8859_1);
        int i = text.indexOf(from);
        assertTrue(i >= 0, from + " is not in the tree");
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, blob, i, to.length());
    }

    @Test
    void aBrokenTreeIsAPanicNamingWhatIsWrongOnEveryEngine() throws IOException {
        record Case(String what, java.util.function.Consumer<byte[]> spoil, String says) { }
        List<Case> cases = List.of(
                new Case("no magic", b -> b[0] = 0, "no FDT magic 0xd00dfeed"),
                new Case("a structure block bigger than the blob", b -> b[36] = 0x7f,
                        "its header's offsets and sizes do not fit its total size"),
                new Case("no memory node", b -> replace(b, "memory@", "nomory@"), "no /memory node with a reg property"),
                new Case("an unknown token", b -> b[56 + 3] = 0x42, "an unknown token in the structure block"));
        for (Engine engine : List.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler())) {
            for (Case c : cases) {
                Machine m = boardWithTree(c.spoil());
                Stop stop = engine.run(m, 50_000_000);
                String console = m.uart.output();
                assertEquals(Stop.EXITED, stop, c.what() + " on " + engine.name() + ": " + console);
                assertTrue(console.contains("labOS: panic: the device tree at 81e00000 is unusable: " + c.says()),
                        c.what() + " on " + engine.name() + ": " + console);
                assertTrue(m.exitCode() != 0, "a panic should power off reporting a failure");
            }
        }
    }

    @Test
    void aBoardTooSmallToHoldATreeGetsAPanicSayingSo() throws IOException {
        Machine m = VirtBoard.create().ram(5 << 20).bios(LabComputer.firmware().image())
                .kernel(LabComputer.kernel().image()).build();
        assertEquals(Stop.EXITED, new BlockCompiler().run(m, 50_000_000), m.uart.output());
        assertTrue(m.uart.output().contains("labOS: panic: the device tree at 0 is unusable: there is none (a1 = 0"),
                m.uart.output());
    }
}
