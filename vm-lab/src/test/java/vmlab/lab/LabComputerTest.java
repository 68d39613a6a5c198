package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.filesystem.LabFsImage;

class LabComputerTest {

    @Test
    void aFileWrittenBeforePowerOffIsThereAfterPowerOn(@TempDir Path dir) throws IOException {
        Path disk = dir.resolve("pc.img");
        LabComputer pc = Lab.computer(disk.toString()).powerOn();
        assertTrue(pc.console().contains("labOS 1.0: 32 MiB of RAM"), pc.console());
        assertEquals("Hello from RISC-V!\nargv[1] = lab\n", pc.command("hello lab").output());
        pc.command("echo the hotel room keeps your things > note.txt").powerOff();
        assertFalse(pc.isOn());
        assertEquals("the hotel room keeps your things\n",
                new String(LabFsImage.read(disk).contents("note.txt"), StandardCharsets.UTF_8),
                "the host file did not get the guest's write");

        pc.powerOn();
        assertEquals("the hotel room keeps your things\n", pc.command("cat note.txt").output());
        assertTrue(pc.interrupts().get("console (UART, IRQ 10)") > 0, pc.interrupts().toString());
        assertTrue(pc.interrupts().get("disk (virtio, IRQ 8)") > 0, pc.interrupts().toString());
        assertTrue(pc.toHtml().contains("note.txt"));
    }

    @Test
    void userProgramsTrapIntoTheKernelAndPoweroffStopsTheComputer(@TempDir Path dir) {
        LabComputer pc = Lab.computer(dir.resolve("pc.img").toString()).powerOn();
        pc.command("fib 15");
        assertTrue(pc.output().contains("fib(15) = 610"), pc.output());
        assertTrue(pc.traps().getOrDefault("environment call from U-mode", 0L) > 0, pc.traps().toString());
        pc.command("poweroff");
        assertFalse(pc.isOn());
        assertThrows(IllegalStateException.class, () -> pc.command("ls"));
    }

    @Test
    void twoProgramsShareTheCpuRoundRobinSoTheShortOneFinishesFirst(@TempDir Path dir) {
        LabComputer pc = Lab.computer(dir.resolve("pc.img").toString()).powerOn();
        long ticksBefore = pc.interrupts().get("timer");
        String out = pc.command("run loop 3000000 & hello x").output();
        assertTrue(out.indexOf("Hello from RISC-V!") < out.indexOf("loop of 3000000 iterations"),
                "the timer did not preempt the long loop: " + out);
        assertTrue(pc.interrupts().get("timer") > ticksBefore, pc.interrupts().toString());
        long ticksAlone = pc.interrupts().get("timer");
        pc.command("loop 3000000");
        assertEquals(ticksAlone, pc.interrupts().get("timer"), "a process running alone should get no timer ticks");
    }

    @Test
    void aCorruptedDiskIsRefusedBeforeBooting(@TempDir Path dir) throws IOException {
        Path disk = dir.resolve("bad.img");
        Files.write(disk, new byte[64 * 1024]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lab.computer(disk.toString()).powerOn());
        assertTrue(e.getMessage().contains("sector 0 bytes 0-7"), e.getMessage());
    }
}
