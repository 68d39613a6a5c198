package vmlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import vmlab.engine.BlockCompiler;

class BenchmarkTest {

    @Test
    void aQuickBenchmarkReportsEveryConfigurationWithTheSameGuestInstructionCount() {
        List<String> steps = new ArrayList<>();
        BenchmarkReport report = Benchmark.quick().workloads("fib").withoutQemu()
                .progress((done, total, what) -> steps.add(what)).run();
        Table t = report.table();
        assertEquals(List.of(Benchmark.REFERENCE, Benchmark.FAST, Benchmark.JIT, Benchmark.NATIVE),
                t.stringColumn("configuration").asList());
        long fast = t.longColumn("instructions").get(1), jit = t.longColumn("instructions").get(2);
        assertEquals(fast, jit, "both engines run the same program to the same end");
        assertEquals(fast, t.longColumn("instructions").get(3), "native Java is credited with the guest's instructions");
        assertEquals(1.0, t.doubleColumn("ratio to native").get(3), 1e-9);
        assertTrue(steps.size() >= 8 && steps.get(0).contains("fib"), steps.toString());
        assertTrue(report.targets().get(0).contains("fast interpreter >= 300 MIPS"));
        assertTrue(report.targets().get(1).contains("not measured"), "qemu was left out: " + report.targets());
        // Notebook front ends right-align every cell: the configuration's name is put on the left by hand.
        assertTrue(report.toHtml().contains("text-align:left\">" + Benchmark.FAST + "</td>"), report.toHtml());
    }

    @Test
    void theWarmupTableCutsOneRunIntoSlicesThatAddUpToIt() {
        // fib(28) is about 15 million instructions: several 1 ms slices even at the block compiler's full speed.
        Table t = Warmup.of(new BlockCompiler(), "fib", 28).sliceMillis(1).run();
        assertTrue(t.rowCount() >= 2, t.print());
        long last = t.longColumn("instructions").get(t.rowCount() - 1);
        assertTrue(last > 10_000_000, "fib(28) retires over ten million instructions: " + last);
        assertTrue(t.longColumn("regions compiled").get(t.rowCount() - 1) > 0, "the hot code was compiled");
    }

    @Test
    void nativeWorkloadsComputeWhatTheGuestProgramsPrint() {
        assertEquals(832040, NativeWorkloads.fib(30));                      // fib(30) = 832040
        assertEquals(148933L * 31 + 1999993, NativeWorkloads.sieve(2_000_000)); // primes up to 2000000: 148933, largest 1999993
        assertEquals(0xf121a315L, NativeWorkloads.crc32(4096) & 0xFFFF_FFFFL);  // crc32 of 4096 KiB: f121a315
        assertEquals(0x8f5b7939, (int) NativeWorkloads.matmul(200));        // 200x200 checksum 8f5b7939
    }
}
