package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import vmlab.isa.Assembler;
import vmlab.machine.Machine;

/** A guest that never exits is stopped by the host thread's interrupt flag (a notebook's stop button), on every engine. */
class InterruptibleEnginesTest {

    @Test
    void aGuestLoopingForeverStopsWhenTheHostThreadIsInterrupted() throws InterruptedException {
        for (Engine engine : new Engine[] {new FastInterpreter(), new BlockCompiler()}) {
            Machine m = new Machine(1 << 20);
            m.load(Assembler.assemble("""
                    spin:
                        addi a0, a0, 1
                        j spin
                    """).image());
            AtomicReference<Stop> stop = new AtomicReference<>();
            Thread runner = new Thread(() -> stop.set(engine.run(m, Long.MAX_VALUE)));
            runner.start();
            Thread.sleep(300);
            runner.interrupt();
            runner.join(10_000);
            assertEquals(Stop.INTERRUPTED, stop.get(), engine.name());
            // a0 counts the addi's: one for every two instructions retired, the first one included (mod 2^32).
            assertTrue(m.hart.minstret > 0 && m.hart.x[10] == (int) ((m.hart.minstret + 1) / 2),
                    "the machine stopped between two instructions and can run on: " + m.hart.minstret);
        }
    }
}
