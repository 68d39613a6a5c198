// What an active PMP costs the block compiler, both variants alternating in one warm JVM (after vm-lab/guest/platform-bench/run
// has built the ELFs): java -cp kernel/target/vmlab.jar vm-lab/guest/platform-bench/PmpAb.java
import vmlab.engine.*;
import vmlab.machine.*;
import java.nio.file.Path;
public class PmpAb {
    public static void main(String[] a) throws Exception {
        Elf off = ElfLoader.load(Path.of("vm-lab/target/platform-bench/pmp_off.elf"));
        Elf on = ElfLoader.load(Path.of("vm-lab/target/platform-bench/pmp_on.elf"));
        for (int round = 0; round < 6; round++) {
            for (Elf e : new Elf[] {off, on}) {
                Machine m = new Machine(1 << 20);
                m.load(e.image());
                long t = System.nanoTime();
                Stop s = new BlockCompiler().run(m, Long.MAX_VALUE);
                double sec = (System.nanoTime() - t) / 1e9;
                System.out.printf("round %d %s %s %.3f s %.1f MIPS%n", round, e == off ? "off" : "on ", s, sec, m.hart.minstret / sec / 1e6);
            }
        }
    }
}
