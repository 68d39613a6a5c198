package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import vmlab.machine.Bus;
import vmlab.machine.Machine;
import vmlab.machine.Privilege;
import vmlab.testing.UserProgram;

/** Garbage as code: every random word either executes or traps; the host never sees an exception. */
class RandomCodeTest {

    @Test
    void randomWordsInMachineModeOnlyEverTrapOrExecute() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            Machine m = new Machine(1 << 20);
            for (int k = 0; k < (1 << 20); k += 4) {
                m.bus.write(Bus.RAM_BASE + k, 4, random.nextInt());
            }
            m.hart.pc = Bus.RAM_BASE + 4 * random.nextInt(1 << 16);
            m.hart.mtvec = Bus.RAM_BASE + 4 * random.nextInt(1 << 16);
            Stop stop = new ReferenceInterpreter().run(m, 200_000);
            assertTrue(stop == Stop.INSTRUCTION_LIMIT || stop == Stop.EXITED || stop == Stop.WAITING_FOREVER,
                    "stopped for " + stop);
            assertTrue(m.counters.totalTraps() > 0, "random code traps now and then");
            assertEquals(0, m.hart.x[0]);
        }
    }

    @Test
    void randomWordsInAUserProcessEndInASignalOrAnExit() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            UserProgram p = new UserProgram();
            for (int k = 0; k < 64; k++) {
                p.emit(random.nextInt());
            }
            UserProgram.Result r = p.run(null);
            assertEquals(Privilege.USER == r.machine().hart.privilege || r.stop() == Stop.EXITED, true);
            assertTrue(r.stop() == Stop.EXITED || r.stop() == Stop.INSTRUCTION_LIMIT, "stopped for " + r.stop());
        }
    }
}
