package vmlab.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class SessionPoolTest {

    /** A kernel that answers every cell as the harness expects, without running anything. */
    static final class Echo implements GradingSession {
        @Override
        public CellRun run(String code, Duration timeout) {
            return CellRun.ok("", Optional.empty());
        }

        @Override
        public boolean alive() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aKernelThatFailsToStartIsRetriedInAFreshFolder(@TempDir Path dir) throws Exception {
        AtomicInteger starts = new AtomicInteger();
        GradingSession.Factory flaky = (workdir, heapMb) -> {
            if (starts.incrementAndGet() == 1) {
                throw new IllegalStateException("Address already in use");
            }
            return new Echo();
        };
        try (SessionPool pool = new SessionPool(flaky, dir, 64, 1)) {
            SessionPool.Lease lease = pool.take();
            assertTrue(lease.session().alive());
            assertNotEquals(dir.resolve("kernel-1"), lease.workdir(), "the failed start's folder is not reused");
        }
    }
}
