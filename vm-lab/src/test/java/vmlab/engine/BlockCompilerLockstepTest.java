package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vmlab.testing.Corpus;

class BlockCompilerLockstepTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "fib 12", "sieve 3000", "quicksort 300", "matmul 9", "crc32 2", "strings 2",
            "mixed 1", "loop 5000", "atomics 50", "badjump", "bigstack", "selfmod", "selfmod 3000"})
    void corpusProgramsRunExactlyAsOnTheReferenceInterpreter(String command) {
        String[] words = command.split(" ");
        var machines = Corpus.userProgram(4 << 20, words[0], java.util.Arrays.copyOfRange(words, 1, words.length));
        Lockstep.Result result = Lockstep.of(machines, new BlockCompiler()).run();
        assertTrue(result.agreed(), result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"traps", "modes", "delegation", "timer", "paging", "paging_ad", "tvm_tw_tsr", "lrsc",
            "misaligned"})
    void privilegedTestsRunExactlyAsOnTheReferenceInterpreter(String name) {
        Lockstep.Result result = Lockstep.of(Corpus.bareProgram(name), new BlockCompiler()).limit(2_000_000).run();
        assertTrue(result.agreed(), result.toString());
    }
}
