package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabHypervisorTest {

    @Test
    void twoVmsShareTheHostAndEachShowsItsConsoleAndExits() {
        LabHypervisor host = Lab.hypervisor(32);
        LabVm a = host.vm("a").powerOn();
        LabVm b = host.vm("b", "fib", "18").powerOn();
        host.run();
        assertEquals("OFF", a.state());
        assertEquals("OFF", b.state());
        assertTrue(a.console().contains("user: the kernel counted three timer ticks"), a.console());
        assertTrue(b.console().contains("fib(18) = 2584"), b.console());
        String physical = host.monitor().machine().uart.output();
        assertTrue(physical.contains("[a] user: hello from U-mode\n"), physical);
        assertTrue(physical.contains("[b] fib(18) = 2584\n"), physical);
        assertTrue(host.monitor().vmSwitches() > 2, "the vCPUs took turns");
        assertEquals(10, a.exits().rowCount());
        assertTrue(a.toHtml().contains("guest system call"));
        assertTrue(host.toHtml().contains("<td style=\"padding:2px 8px;font-family:monospace\">b</td>"));
    }

    @Test
    void labOsBootsInAVmAndAnswersTypedCommands() {
        LabVm os = Lab.hypervisor(40).labos("os").start();
        assertTrue(os.console().endsWith("labos$ "), os.console());
        os.type("free\n");
        assertTrue(os.console().contains("labos$ free\n28576 KiB free\nlabos$ "), os.console());
        assertEquals("RUNNING", os.state());
        os.type("poweroff\n");
        assertEquals("OFF", os.state());
    }
}
