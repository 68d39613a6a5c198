package vmlab.grading;

import vmlab.client.ExecutionResult;
import vmlab.client.InterruptMode;
import vmlab.client.KernelClient;
import vmlab.client.KernelProcess;
import vmlab.exercises.GradingSandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A grading session on a VM Lab kernel JVM of its own, driven through the Jupyter client ({@link KernelClient}): the production
 * path of {@code vmlab grade}. The JVM starts in grading mode: heap limited by {@code -Xmx}, the submission's folder as working
 * directory, and the {@link GradingSandbox} installed by the JVM itself at startup (so the kernel needs no code for it). A cell
 * that outlives its timeout is interrupted (the kernel stops the cell's thread); if the kernel does not answer after that, it is
 * killed and the session is dead.
 */
public final class KernelSession implements GradingSession {

    private final KernelProcess kernel;
    private volatile boolean killed;

    private KernelSession(KernelProcess kernel) {
        this.kernel = kernel;
    }

    /**
     * Kernels started as {@code java -Xmx.. -Djava.security.manager=.. -cp CLASSPATH MAIN kernel {connection_file}}:
     * {@code classpath} is vmlab.jar when running from it, or the class path of a development build.
     */
    public static GradingSession.Factory factory(String classpath, String mainClass) {
        return (workdir, heapMb) -> new KernelSession(KernelProcess.command(command(classpath, mainClass, workdir, heapMb))
                .directory(workdir)
                .interruptMode(InterruptMode.MESSAGE)
                .options(KernelClient.Options.defaults().interruptGrace(Duration.ofSeconds(3)).heartbeatTimeout(Duration.ofSeconds(30)))
                .start());
    }

    static List<String> command(String classpath, String mainClass, Path workdir, int heapMb) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-Djava.awt.headless=true");
        command.add("-Djava.security.manager=" + GradingSandbox.class.getName());
        command.add("-D" + GradingSandbox.WORKDIR_PROPERTY + "=" + workdir.toAbsolutePath());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("kernel");
        command.add("{connection_file}");
        return command;
    }

    @Override
    public CellOutcome run(String code, Duration timeout) {
        if (!alive()) {
            return CellOutcome.dead("", "the kernel is gone");
        }
        ExecutionResult result = kernel.client().execute(code, timeout);
        String stdout = result.stdout();
        return switch (result.status()) {
            case OK -> CellOutcome.ok(stdout, result.resultText());
            case ERROR, ABORTED -> CellOutcome.error(stdout, result.errorName().orElse("error")
                    + result.errorValue().map(value -> ": " + value).orElse(""));
            case TIMED_OUT -> {
                if (result.kernelResponsive()) {
                    yield CellOutcome.timedOut(stdout, false);
                }
                close();
                yield CellOutcome.timedOut(stdout, true);
            }
            case KERNEL_DIED -> {
                close();
                yield CellOutcome.dead(stdout, "the kernel died" + (result.failure() == null ? "" : ": " + result.failure()));
            }
        };
    }

    @Override
    public boolean alive() {
        return !killed && kernel.process().isAlive() && kernel.client().isAlive();
    }

    @Override
    public void close() {
        killed = true;
        kernel.close();
    }
}
