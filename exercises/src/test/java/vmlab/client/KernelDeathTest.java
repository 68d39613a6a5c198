package vmlab.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** A kernel that dies or freezes is reported as an error, quickly, and never hangs the client. */
class KernelDeathTest {

    @Test
    void aKernelWhoseProcessExitsIsReportedWithItsExitCode() {
        try (KernelProcess python = IPythonKernel.start()) {
            ExecutionResult result = python.client().execute("import os\nos._exit(3)", Duration.ofSeconds(30));
            assertEquals(ExecutionResult.Status.KERNEL_DIED, result.status());
            assertTrue(result.failure().contains("exited with code 3"), result.failure());
            assertTrue(result.elapsed().compareTo(Duration.ofSeconds(10)) < 0, "noticed at once, not at the timeout");
            assertEquals("DeadKernelError", result.errorName().orElseThrow());
            assertEquals(ExecutionResult.Status.KERNEL_DIED, python.client().execute("1", Duration.ofSeconds(5)).status());
            assertThrows(KernelDiedException.class, () -> python.client().requestKernelInfo());
        }
    }

    @Test
    void aFrozenKernelIsDeclaredDeadWhenItsHeartbeatStops() throws Exception {
        KernelClient.Options impatient = KernelClient.Options.defaults().heartbeatTimeout(Duration.ofSeconds(3));
        try (KernelProcess python = IPythonKernel.launch().options(impatient).start()) {
            assertTrue(python.client().isAlive());
            long pid = python.process().pid();
            // SIGSTOP freezes the whole process: it still exists, so only the heartbeat can tell.
            new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
            try {
                ExecutionResult result = python.client().execute("1 + 1", Duration.ofSeconds(60));
                assertEquals(ExecutionResult.Status.KERNEL_DIED, result.status());
                assertTrue(result.failure().contains("heartbeat"), result.failure());
                assertTrue(result.elapsed().compareTo(Duration.ofSeconds(20)) < 0);
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
            }
        }
    }

    @Test
    void aSignalInterruptReachesAKernelThatAsksForSigint() {
        try (KernelProcess python = IPythonKernel.launch().interruptMode(InterruptMode.SIGNAL).start()) {
            ExecutionResult result = python.client().execute("while True: pass", Duration.ofSeconds(1));
            assertEquals(ExecutionResult.Status.TIMED_OUT, result.status());
            assertEquals("KeyboardInterrupt", result.errorName().orElse(result.toString() + result.outputs()));
            assertEquals("3", python.client().execute("1 + 2", Duration.ofSeconds(10)).resultText().orElseThrow());
        }
    }

    @Test
    void shutdownEndsTheKernelProcessPolitely() throws Exception {
        try (KernelProcess python = IPythonKernel.start()) {
            assertTrue(python.client().shutdown(), "the kernel confirmed with a shutdown_reply");
            assertTrue(python.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "and its process exited");
            assertEquals(0, python.process().exitValue());
            assertFalse(python.client().isAlive());
        }
    }

    @Test
    void aCommandThatIsNotAKernelFailsWithItsOutput() {
        KernelProcess.Launch notAKernel = KernelProcess.command(java.util.List.of("/bin/sh", "-c",
                "echo 'no such kernel here' >&2; exit 7", "{connection_file}"));
        KernelException failure = assertThrows(KernelException.class, notAKernel::start);
        assertTrue(failure.getMessage().contains("exited with code 7"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no such kernel here"), failure.getMessage());
    }
}
