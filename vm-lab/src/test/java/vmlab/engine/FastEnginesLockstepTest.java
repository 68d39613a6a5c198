package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vmlab.testing.Corpus;

/**
 * The fast interpreter and the block compiler are only optimisations: each runs the corpus and the privileged tests in
 * lockstep with the reference interpreter, and every register, CSR and memory write must agree after every instruction.
 */
class FastEnginesLockstepTest {
    private static final List<String> CORPUS = List.of("hello", "fib 12", "sieve 3000", "quicksort 300", "matmul 9",
            "crc32 2", "strings 2", "mixed 1", "loop 5000", "atomics 50", "badjump", "bigstack", "selfmod", "selfmod 3000");
    private static final List<String> PRIVILEGED = List.of("traps", "modes", "delegation", "timer", "paging",
            "paging_ad", "tvm_tw_tsr", "lrsc", "misaligned");

    private static Stream<Arguments> onEachFastEngine(List<String> programs) {
        List<Supplier<Engine>> engines = List.of(FastInterpreter::new, BlockCompiler::new);
        return engines.stream().flatMap(engine -> programs.stream()
                .map(program -> Arguments.of(engine.get().name(), engine, program)));
    }

    static Stream<Arguments> corpusRuns() {
        return onEachFastEngine(CORPUS);
    }

    static Stream<Arguments> privilegedRuns() {
        return onEachFastEngine(PRIVILEGED);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("corpusRuns")
    void corpusProgramsRunExactlyAsOnTheReferenceInterpreter(String name, Supplier<Engine> engine, String command) {
        String[] words = command.split(" ");
        var machines = Corpus.userProgram(4 << 20, words[0], Arrays.copyOfRange(words, 1, words.length));
        Lockstep.Result result = Lockstep.of(machines, engine.get()).run();
        assertTrue(result.agreed(), name + ": " + result);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("privilegedRuns")
    void privilegedTestsRunExactlyAsOnTheReferenceInterpreter(String name, Supplier<Engine> engine, String program) {
        Lockstep.Result result = Lockstep.of(Corpus.bareProgram(program), engine.get()).limit(2_000_000).run();
        assertTrue(result.agreed(), name + ": " + result);
    }
}
