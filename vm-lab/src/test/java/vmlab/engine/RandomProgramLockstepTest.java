package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmlab.testing.Encode.*;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vmlab.machine.Machine;
import vmlab.testing.Bare;

/**
 * Random programs in lockstep: a loop whose body is random ALU, multiply/divide, load/store (aligned and misaligned,
 * into a data area) and forward-branch instructions, run often enough for the block compiler to translate it.
 */
class RandomProgramLockstepTest {
    private static final int BASE_REG = 8, COUNTER = 9; // s0 points at the data area; s1 counts loop iterations

    static Supplier<Machine> randomProgram(long seed) {
        Random random = new Random(seed);
        Bare p = new Bare();
        for (int r = 1; r < 32; r++) {
            p.emit(li(r, random.nextInt(8) == 0 ? random.nextInt(16) - 8 : random.nextInt()));
        }
        p.emit(li(BASE_REG, Bare.BASE + 0x8000));
        p.emit(li(COUNTER, 60 + random.nextInt(60)));
        int loop = p.here();
        int length = 20 + random.nextInt(60);
        for (int k = 0; k < length; k++) {
            int rd = pickDestination(random), rs1 = random.nextInt(32), rs2 = random.nextInt(32);
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> {
                    int[][] kinds = {{0, 0}, {0x20, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0x20, 5}, {0, 6}, {0, 7},
                            {1, 0}, {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}};
                    int[] kind = kinds[random.nextInt(kinds.length)];
                    p.emit(op(kind[0], kind[1], rd, rs1, rs2));
                }
                case 3, 4 -> {
                    int funct3 = new int[] {0, 2, 3, 4, 6, 7}[random.nextInt(6)];
                    p.emit(i(random.nextInt(4096) - 2048, rs1, funct3, rd, 0x13));
                }
                case 5 -> p.emit(i(random.nextInt(32) | (random.nextBoolean() ? 0x400 : 0), rs1,
                        random.nextBoolean() ? 5 : 1, rd, 0x13) & ~(random.nextBoolean() ? 0 : 0x4000_0000));
                case 6, 7 -> p.emit(load(new int[] {0, 1, 2, 4, 5}[random.nextInt(5)], rd, BASE_REG, random.nextInt(2040)));
                case 8 -> p.emit(store(random.nextInt(3), rs2, BASE_REG, random.nextInt(2040)));
                default -> {
                    int skip = 1 + random.nextInt(Math.max(1, Math.min(4, length - k)));
                    p.emit(b(4 * (skip + 1), rs2, rs1, new int[] {0, 1, 4, 5, 6, 7}[random.nextInt(6)]));
                    for (int s = 0; s < skip; s++, k++) {
                        p.emit(addi(pickDestination(random), random.nextInt(32), random.nextInt(100)));
                    }
                }
            }
        }
        p.emit(addi(COUNTER, COUNTER, -1));
        p.emit(b(loop - p.here(), 0, COUNTER, 1)); // bnez s1, loop
        p.emit(li(5, 0x0010_0000)).emit(li(6, 0x5555)).emit(sw(6, 5, 0));
        return p::machine;
    }

    private static int pickDestination(Random random) {
        int rd;
        do {
            rd = random.nextInt(32);
        } while (rd == BASE_REG || rd == COUNTER);
        return rd;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void randomLoopsRunExactlyAsOnTheReferenceInterpreter(long seed) {
        for (Engine engine : new Engine[] {new FastInterpreter(), new BlockCompiler()}) {
            Lockstep.Result r = Lockstep.of(randomProgram(seed), engine).seed(seed).limit(100_000).run();
            assertTrue(r.agreed(), "seed " + seed + ": " + r);
        }
    }
}
