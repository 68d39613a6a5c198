package vmlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The data behind lesson 03's ladder chart, made by the same call the lesson's cell makes. */
class EngineLadderTest {

    @Test
    void onceWarmTheFastInterpreterBeatsTheReferenceAndNativeBeatsBoth() {
        List<String> heard = new ArrayList<>();
        Table ladder = EngineLadder.fib(24).onRow(row -> heard.add(row.configuration())).run();
        assertEquals(List.of(EngineLadder.NATIVE, EngineLadder.FAST, EngineLadder.REFERENCE), heard, "each row is heard as it is measured");
        double nativeSeconds = ladder.doubleColumn("CPU seconds").get(0);
        double fast = ladder.doubleColumn("CPU seconds").get(1);
        double reference = ladder.doubleColumn("CPU seconds").get(2);
        assertTrue(fast < reference, "warm, the fast interpreter should beat the reference one:\n" + ladder.print());
        assertTrue(nativeSeconds < fast, "native Java should beat both interpreters:\n" + ladder.print());
        assertTrue(ladder.intColumn("warm-up runs").get(1) > 1, "the fast interpreter was warmed before it was timed");
        assertEquals(1.0, ladder.doubleColumn("x native").get(0), 1e-9);
    }

    @Test
    void warmUpGoesOnWhileRunsStillGetFaster() {
        assertTrue(!EngineLadder.steady(List.of(9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.5, 1.0)), "still improving");
        assertTrue(EngineLadder.steady(List.of(9.0, 5.0, 2.0, 1.0, 1.0, 1.01, 1.0, 0.99, 1.02, 1.0)), "flat within 3%");
        assertTrue(!EngineLadder.steady(List.of(1.0, 1.0, 1.0)), "too few runs to tell");
    }

    @Test
    void allConfigurationsAreCreditedWithTheGuestsInstructionCount() {
        Table ladder = EngineLadder.fib(10).warmUpSeconds(0).best(1).run();
        long instructions = ladder.longColumn("guest instructions").get(0);
        assertTrue(instructions > 1_000, "fib(10) makes 177 calls: " + instructions);
        assertTrue(ladder.longColumn("guest instructions").asList().stream().allMatch(i -> i == instructions));
        assertEquals(0, ladder.intColumn("warm-up runs").get(2), "no warm-up asked for, none done");
    }
}
