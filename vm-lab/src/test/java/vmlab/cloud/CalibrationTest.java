package vmlab.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void aVmBootsAKernelWhileAContainerStartsAProcess() {
        Calibration c = Calibration.measure(1);
        assertTrue(c.vmBootSeconds() > 0 && c.containerStartSeconds() > 0, c.toString());
        assertTrue(c.vmBootInstructions() > 10_000, "labOS ran its boot as guest code: " + c);
        assertTrue(c.vmBootExits() > 1_000, "its boot trapped to the monitor: " + c);
        assertTrue(c.vmMemoryBytes() >= Calibration.VM_RAM, "the monitor holds at least the VM's RAM: " + c);
        assertTrue(c.containerMemoryBytes() * 100 < c.vmMemoryBytes(),
                "an idle container holds a few pages, a VM its whole RAM: " + c);
        assertTrue(c.toString().contains("labOS") && c.toHtml().contains("container start"));
    }

    @Test
    void theOrchestratorTakesItsStartTimesFromTheCalibration() {
        Calibration c = Calibration.of(0.25, 33L << 20, 0.002, 20_000, "given for the test");
        Orchestrator service = Orchestrator.hosts(3, HostShape.server()).service("web", 6, 1, 2).failHost(1, 10);
        assertEquals(0.002, service.containerReplicas(c).run(24).startSeconds(), 0);
        assertEquals(0.25, service.vmReplicas(c).run(24).startSeconds(), 0);
        assertEquals(125, c.bootOverStart(), 1e-9);
    }

    @Test
    void figuresThatCannotBeMeasurementsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(-1, 1, 1, 1, "negative boot"));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(1, 1, Double.NaN, 1, "no start"));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(1, 0, 1, 1, "no memory"));
        assertThrows(IllegalArgumentException.class, () -> Calibration.measure(0));
    }
}
