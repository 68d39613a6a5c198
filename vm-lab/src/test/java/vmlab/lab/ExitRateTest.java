package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitRateTest {

    @Test
    void theExitRateChartSeesEveryExitOnce() {
        LabHypervisor host = Lab.hypervisor();
        LabVm vm = host.vm("a", "fib", "25");
        List<Double> live = new ArrayList<>();
        vm.watchExits(row -> live.add(row.getDouble("exits per ms"))).start();
        var rate = vm.exitRate();
        assertEquals(rate.rowCount(), live.size(), "the live feed and the table disagree");
        double charted = rate.doubleColumn("exits per ms").sum();
        assertEquals(vm.guest().exitCount(), charted, "every exit is in one millisecond's sample");
        assertTrue(rate.doubleColumn("simulated ms").max() > 1, rate.print());
    }
}
