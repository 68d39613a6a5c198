package vmlab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A machine's own copy of the {@link PageInterpreter} class, defined as a hidden class from the same bytecode.
 *
 * <p>Why: HotSpot's C2 compiles the interpreter's {@code switch} for the instructions it has seen so far, testing the
 * frequent ones first and leaving out the ones never seen. A class shared by every machine carries the profile of every
 * program run before: the fib benchmark's instruction mix decides how the CRC benchmark runs later, and a program's
 * speed depended on what ran before it by up to a factor of two (docs/engines.md has the figures). A copy
 * has a profile of its own, so C2 compiles it for the one program it runs: the JVM specialises the interpreter to the
 * program.
 *
 * <p>A copy costs a compilation, so a machine starts on the shared class and gets its copy only once it has run
 * {@link #AFTER_INSTRUCTIONS} instructions in the fast interpreter: short runs (most notebook cells) stay on warm code.
 * HotSpot's profile only ever grows, so a copy compiled while a program sets up its data is compiled for the set-up;
 * a new copy comes each time the count has grown {@link #GROWTH} times over. A copy is unloaded with its machine, like
 * the block compiler's classes (nothing static refers to it).
 */
final class PrivateInterpreter {
    /** The first copy comes after this many instructions: about a tenth of a second of fast interpretation. */
    static final long AFTER_INSTRUCTIONS = 30_000_000;
    /**
     * Each later copy comes when the count has grown this many times over, so that a program whose hot phase starts
     * late (the quicksort sorts only after generating its numbers) is compiled again for it, while the copies, each a
     * compilation, stay few: three in the first ten billion instructions.
     */
    static final long GROWTH = 8;

    private static final byte[] BYTECODE = bytecode();

    private PrivateInterpreter() {
    }

    static PageRunner copyFor(EngineCache cache) {
        try {
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClass(BYTECODE, true);
            MethodHandle constructor = copy.findConstructor(copy.lookupClass(),
                    MethodType.methodType(void.class, EngineCache.class));
            return (PageRunner) constructor.invoke(cache);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define a private copy of the interpreter", e);
        }
    }

    private static byte[] bytecode() {
        try (InputStream in = PageInterpreter.class.getResourceAsStream("PageInterpreter.class")) {
            if (in == null) {
                throw new IllegalStateException("PageInterpreter.class is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read PageInterpreter.class", e);
        }
    }
}
