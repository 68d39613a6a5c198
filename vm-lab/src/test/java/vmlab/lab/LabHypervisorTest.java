package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vmlab.hypervisor.CsrUpdate;

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
        assertEquals(vmlab.hypervisor.ExitReason.values().length, a.exits().rowCount(), "one row per exit reason");
        assertTrue(a.toHtml().contains("guest system call"));
        assertTrue(host.toHtml().contains("<td style=\"padding:2px 8px;font-family:monospace;text-align:left\">b</td>"));
    }

    @Test
    void anAssistedVmPrintsWhatATrapAndEmulateOneDoesWithFarFewerExits() {
        LabHypervisor host = Lab.hypervisor(40);
        LabVm emulated = host.vm("emulated", "syscalls").start();
        LabVm assisted = host.assisted().vm("assisted", "syscalls").start();
        assertEquals("hardware-assisted", assisted.guest().executionName());
        assertEquals(emulated.console(), assisted.console());
        assertTrue(emulated.guest().exitCount() >= 5 * assisted.guest().exitCount(),
                emulated.guest().exits() + " vs " + assisted.guest().exits());
        assertTrue(host.toHtml().contains("hardware-assisted"), host.toHtml());
        assertEquals("trap-and-emulate", host.trapAndEmulate().vm("again").guest().executionName());
    }

    @Test
    void labOsAnswersOnARightCsrRuleAndNotOnOneWhoseCsrrwKeepsTheOldValue() {
        LabVm right = Lab.hypervisor(18).labosWithCsrRule("right", CsrUpdate.STANDARD).start();
        assertTrue(right.console().startsWith("labOS 1.0: 16 MiB of RAM\n"), right.console());
        right.type("free\n");
        assertTrue(right.console().matches("(?s).*labos\\$ free\n\\d+ KiB free\nlabos\\$ "), right.console());
        CsrUpdate writesNothing = (funct3, old, operand) -> (funct3 & 3) == 1 ? old
                : CsrUpdate.STANDARD.newValue(funct3, old, operand);
        LabVm wrong = Lab.hypervisor(18).labosWithCsrRule("wrong", writesNothing).start();
        wrong.type("free\n");
        assertFalse(wrong.console().contains("KiB free"), "labOS cannot take typed input when its CSR writes are lost: "
                + wrong.console());
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

    @Test
    void aCsrRuleWrittenLikeTheHardwareBootsTheSameGuestAndABrokenOneDoesNot() {
        LabHypervisor host = Lab.hypervisor(40);
        LabVm reference = host.vm("reference").start();
        LabVm same = host.vmWithCsrRule("same", (funct3, old, operand) -> switch (funct3 & 3) {
            case 1 -> operand;
            case 2 -> old | operand;
            default -> old & ~operand;
        }).start();
        assertEquals(reference.console(), same.console());
        assertEquals("trap-and-emulate (own CSR rule)", same.guest().executionName());
        // csrrs/csrrc that forget the old value: the guest's sstatus and sie lose bits, and the guest notices
        LabVm broken = host.vmWithCsrRule("broken", (funct3, old, operand) -> operand).start();
        assertNotEquals(reference.console(), broken.console());
        LabVm throwing = host.vmWithCsrRule("throwing", (funct3, old, operand) -> {
            throw new UnsupportedOperationException("not written yet");
        }).start();
        assertEquals("CRASHED", throwing.state());
        assertTrue(throwing.guest().stopReason().contains("not written yet"), throwing.guest().stopReason());
    }
}
