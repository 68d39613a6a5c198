package vmlab.grading;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A grading session on the JDK's own JShell, whose snippets run in a separate JVM it launches (the remote execution engine):
 * that JVM gets the heap limit, but no sandbox: it stands in for the VM Lab kernel where none is at hand (unit tests of
 * scoring, a student's own {@code Exercises.check}), and every report it produces says it was not isolated. Real grading runs
 * {@link KernelSession}s in a {@link BubblewrapSandbox}. JShell stops a runaway snippet with {@code Thread.stop}
 * in the remote JVM, so even a tight CPU loop stops; if it still does not, the session kills that JVM.
 */
public final class JShellSession implements GradingSession {

    private static final Duration GRACE = Duration.ofSeconds(3);

    private final JShell shell;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jshell-session");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean alive = true;

    private JShellSession(Path workdir, int heapMb) {
        String classpath = classpath();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        shell = JShell.builder()
                .out(out).err(out)
                .remoteVMOptions("-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                        "--class-path", classpath, "-Duser.dir=" + workdir.toAbsolutePath())
                .compilerOptions("--class-path", classpath)
                .build();
        shell.onShutdown(s -> alive = false);
    }

    private JShellSession(String classpath) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        shell = JShell.builder().out(out).err(out).executionEngine("local").compilerOptions("--class-path", classpath).build();
        shell.onShutdown(s -> alive = false);
    }

    /**
     * A session in this very JVM, without sandbox: for a student checking their own work in their kernel
     * ({@code Exercises.check}), never for grading. Cells see this JVM's class path.
     */
    public static JShellSession inProcess() {
        String own = System.getProperty("java.class.path", "");
        return new JShellSession(own.isBlank() ? classpath() : own + java.io.File.pathSeparator + classpath());
    }

    /** Starts sessions with the given heap, unsandboxed (reports say so). */
    public static GradingSession.Factory factory() {
        return new GradingSession.Factory() {
            @Override
            public GradingSession start(Path workdir, int heapMb) {
                return new JShellSession(workdir, heapMb);
            }

            @Override
            public Optional<String> isolationWarning() {
                return Optional.of("graded WITHOUT a sandbox (the JDK's JShell stands in for the kernel)");
            }
        };
    }

    /** Jars (or class folders) of the cell-side helpers and of JUnit's assertions, wherever they were loaded from. */
    static String classpath() {
        return Stream.of(GradedCell.class, org.junit.jupiter.api.Assertions.class, org.opentest4j.AssertionFailedError.class,
                        org.junit.platform.commons.util.Preconditions.class, org.apiguardian.api.API.class)
                .map(type -> {
                    try {
                        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot locate " + type, e);
                    }
                })
                .distinct()
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    @Override
    public CellRun run(String code, Duration timeout) {
        if (!alive) {
            return CellRun.dead("", "the kernel is gone");
        }
        synchronized (printed) {
            printed.reset();
        }
        Future<CellRun> running = runner.submit(() -> evaluate(code));
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            shell.stop();
            try {
                running.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return CellRun.timedOut(printed(), false);
            } catch (Exception stillRunning) {
                close();
                return CellRun.timedOut(printed(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return CellRun.dead(printed(), "grading was interrupted");
        } catch (ExecutionException e) {
            return alive ? CellRun.error(printed(), e.getCause().toString()) : CellRun.dead(printed(), "the kernel died");
        }
    }

    private CellRun evaluate(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Optional<String> value = Optional.empty();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet = info.source() == null || info.source().isBlank() ? remaining : info.source();
            remaining = info.source() == null || info.source().isBlank() ? "" : info.remaining();
            List<SnippetEvent> events;
            try {
                events = shell.eval(snippet);
            } catch (IllegalStateException closed) {
                return CellRun.dead(printed(), "the kernel died");
            }
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                if (!alive) {
                    return CellRun.dead(printed(), "the kernel died");
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    return CellRun.error(printed(), "does not compile: " + diagnostics(event.snippet()));
                }
                if (event.exception() != null) {
                    return CellRun.error(printed(), describe(event.exception()));
                }
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED && event.snippet() instanceof DeclarationSnippet) {
                    continue;
                }
                boolean hasValue = event.snippet().kind() == Snippet.Kind.EXPRESSION || event.snippet().kind() == Snippet.Kind.VAR;
                if (hasValue && event.value() != null) {
                    value = Optional.of(event.value());
                }
            }
            if (!alive) {
                return CellRun.dead(printed(), "the kernel died");
            }
        }
        return CellRun.ok(printed(), value);
    }

    private String diagnostics(Snippet snippet) {
        List<String> messages = new ArrayList<>();
        shell.diagnostics(snippet).filter(Diag::isError).forEach(d -> messages.add(d.getMessage(Locale.ROOT)));
        return String.join("; ", messages);
    }

    private static String describe(Exception exception) {
        if (exception instanceof EvalException eval) {
            String message = eval.getMessage();
            return eval.getExceptionClassName() + (message == null ? "" : ": " + message);
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return "uses something not defined: " + unresolved.getSnippet().source().lines().findFirst().orElse("");
        }
        return exception.toString();
    }

    private String printed() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public void close() {
        alive = false;
        runner.shutdownNow();
        try {
            shell.close();
        } catch (RuntimeException ignored) {
            // closing a JShell whose JVM already died can complain; it is gone either way
        }
    }
}
