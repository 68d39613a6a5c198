package vmlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison's structure and its counted figures (never its timings): every peer is measured in the same run, the
 * same program costs the same simulated cycles in a container as in a plain process, and a VM pays for its kernel.
 */
class ContainerVmBenchmarkTest {
    /** One warm-up, two measured runs, fib 12, and a 16 MiB host for the memory comparison: seconds, not minutes. */
    private final ContainerVmBenchmark small = new ContainerVmBenchmark(1, 2, 12, 16);

    @Test
    void startTimeHasEveryPeerAndAVmBootsAKernel() {
        ContainerVmBenchmark.Comparison start = small.startTime();
        assertEquals(List.of(ContainerVmBenchmark.PROCESS, ContainerVmBenchmark.CONTAINER, ContainerVmBenchmark.LABOS_VM,
                ContainerVmBenchmark.SKERNEL_VM), List.copyOf(start.cpuMillis().keySet()));
        var process = start.peer(ContainerVmBenchmark.PROCESS);
        var container = start.peer(ContainerVmBenchmark.CONTAINER);
        assertEquals(process.simulatedCycles(), container.simulatedCycles(),
                "hello runs the same instructions and system calls in a container as a plain process");
        assertTrue(start.peer(ContainerVmBenchmark.LABOS_VM).simulatedCycles() > 100 * container.simulatedCycles(),
                "booting labOS is a whole kernel's work: " + start.report());
        start.peers().forEach(p -> assertTrue(p.cpuMillis() > 0, p + " was measured"));
    }

    @Test
    void containersTakeKilobytesAndVmsTheirWholeRam() {
        List<ContainerVmBenchmark.Density> rows = small.density();
        assertEquals(3, rows.size());
        var container = rows.get(0);
        var skernel = rows.get(1);
        var labos = rows.get(2);
        assertTrue(container.bytesEach() < 64 << 10, "an idle container shares its text: " + container);
        assertTrue(container.fitted() >= 100, "at least 100 idle containers in 16 MiB: " + container);
        assertTrue(skernel.bytesEach() >= ContainerVmBenchmark.SKERNEL_VM_RAM, "a VM holds all its RAM: " + skernel);
        long host = 16L << 20;
        assertTrue((long) skernel.fitted() * skernel.bytesEach() <= host
                && (long) (skernel.fitted() + 1) * skernel.bytesEach() > host, "VMs fill the host, no overcommit: "
                + skernel);
        assertEquals(0, labos.fitted(), "a 32 MiB VM does not fit in 16 MiB: " + labos);
        assertTrue(labos.how().contains("overcommit is refused"), labos.how());
        assertTrue(small.densityReport(rows).contains("fit in 16 MiB"));
        for (var d : rows) {
            int last = d.growth().isEmpty() ? 0 : d.growth().get(d.growth().size() - 1).instances();
            assertEquals(d.fitted(), last, "the growth ends where the host refused: " + d.name());
            for (int k = 1; k < d.growth().size(); k++) {
                assertTrue(d.growth().get(k).bytesUsed() >= d.growth().get(k - 1).bytesUsed(), d.name());
            }
        }
        assertEquals(rows.stream().mapToInt(d -> d.growth().size()).sum(),
                ContainerVmBenchmark.growthTable(rows).rowCount());
    }

    @Test
    void cpuBoundWorkCostsTheSameCyclesEverywhere() {
        ContainerVmBenchmark.Comparison cpu = small.cpuOverhead();
        assertEquals(3, cpu.peers().size());
        long process = cpu.peers().get(0).simulatedCycles();
        assertTrue(process > 1000, cpu.report());
        assertEquals(process, cpu.peers().get(1).simulatedCycles(), "a container adds no instructions");
        assertTrue(cpu.peers().get(2).simulatedCycles() >= process, "a VM runs the same user instructions, at least");
    }

    @Test
    void aWriteInAVmExitsToTheMonitorSeveralTimes() {
        ContainerVmBenchmark.Comparison calls = small.systemCallCost();
        var process = calls.peers().get(0);
        var container = calls.peers().get(1);
        var vm = calls.peers().get(2);
        assertEquals("1.00 system calls each", process.detail(), "one write is one system call");
        assertEquals("27 exits in all", ContainerVmBenchmark.counted(27, 1, "exits"));
        assertEquals(process.simulatedCycles(), container.simulatedCycles());
        double exits = Double.parseDouble(vm.detail().replaceAll(" exits each", ""));
        assertTrue(exits >= 3, "the ecall, the SBI console write and the sret at least: " + vm.detail());
        assertTrue(vm.simulatedCycles() > 10 * process.simulatedCycles(), calls.report());
    }
}
