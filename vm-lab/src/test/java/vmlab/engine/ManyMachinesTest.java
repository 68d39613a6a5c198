package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import org.junit.jupiter.api.Test;
import vmlab.machine.Machine;

/** Generated classes belong to their machine: discarding machines gives their classes (and metaspace) back. */
class ManyMachinesTest {

    private static long metaspaceBytes() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().contains("Metaspace")) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void collect() throws InterruptedException {
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    @Test
    void machinesRunInARowDoNotKeepTheirTranslatedClasses() throws InterruptedException {
        collect();
        long[] before = TranslationClasses.counts();
        long metaspaceBefore = metaspaceBytes();
        int machines = 120;
        for (int seed = 1000; seed < 1000 + machines; seed++) {
            Machine m = RandomProgramLockstepTest.randomProgram(seed).get(); // different code: classes not shared
            new BlockCompiler().run(m, 100_000);
        }
        long[] afterRuns = TranslationClasses.counts();
        collect();
        long[] after = TranslationClasses.counts();
        long metaspaceAfter = metaspaceBytes();
        long defined = after[1] - before[1];
        System.out.printf("%d machines: %d classes defined, %d alive before GC, %d after; metaspace %+d KiB%n",
                machines, defined, afterRuns[0], after[0], (metaspaceAfter - metaspaceBefore) / 1024);
        assertTrue(defined >= machines / 2, "most machines compiled something: " + defined);
        assertTrue(after[0] - before[0] < defined / 4, "most generated classes should be unloaded: " + after[0]
                + " of " + defined + " still alive");
    }
}
