package vmlab.os;

import org.junit.jupiter.api.Nested;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;

/** The host kernel's tests again on the fast engines: preemption, blocking and isolation must not depend on the engine. */
class FastEnginesUnderTheHostOsTest {

    @Nested
    class OnTheFastInterpreter extends HostOsTest {
        @Override
        Engine engine() {
            return new FastInterpreter();
        }
    }

    @Nested
    class OnTheBlockCompiler extends HostOsTest {
        @Override
        Engine engine() {
            return new BlockCompiler();
        }
    }
}
