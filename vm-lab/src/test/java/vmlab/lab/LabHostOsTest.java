package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.os.Task;
import vmlab.os.TaskState;

class LabHostOsTest {

    @Test
    void pausingAndPullingThePlugOfATypeTwoVmEndsItsVmmProcess(@TempDir Path dir) {
        LabHostOs hostOs = Lab.hostOs();
        LabVm os = hostOs.vm("os", "fib", "27").powerOn();
        hostOs.runFor(3_000_000);
        os.pause();
        hostOs.runFor(5_000_000);
        long paused = os.guest().guestInstructions();
        hostOs.runFor(5_000_000);
        assertEquals(paused, os.guest().guestInstructions(), "a paused VM ran");
        assertEquals(TaskState.BLOCKED, hostOs.vmms().get(0).task().state(), "a paused VM's VMM should sleep");
        os.powerOff();
        hostOs.runFor(5_000_000);
        assertEquals("OFF", os.state());
        assertEquals(TaskState.FINISHED, hostOs.vmms().get(0).task().state(), "the VMM process outlived its VM");
    }

    @Test
    void aTypeTwoVmIsAProcessThatSharesTheHostWithOthers(@TempDir Path dir) {
        LabHostOs hostOs = Lab.hostOs();
        LabVm os = hostOs.labos("os", dir.resolve("os.img").toString()).start();
        assertTrue(os.console().endsWith("labos$ "), os.console());
        Task loop = hostOs.run("loop", "2000000");
        os.type("echo kept > note.txt\n").type("cat note.txt\n");
        assertTrue(os.console().contains("labos$ cat note.txt\nkept\n"), os.console());
        hostOs.runFor(50_000_000);
        assertEquals(TaskState.FINISHED, loop.state(), "the host process next to the VMM did not finish");
        os.type("poweroff\n");
        assertEquals("OFF", os.state());
        assertTrue(hostOs.processes().rowCount() == 2 && hostOs.toHtml().contains("vmm os"), hostOs.toString());
        assertTrue(hostOs.os().account().systemCalls() > 0);
        // its exit rate over time: labOS's boot fills shadow pages, its disk work makes MMIO exits
        var rate = os.exitRate();
        assertTrue(rate.rowCount() > 0 && rate.stringColumn("reason").contains("shadow page fill")
                && rate.stringColumn("reason").contains("MMIO access"), rate.print());
    }
}
