package vmlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.client.CellOutcome;
import vmlab.client.KernelException;
import vmlab.client.NotebookExecutor;
import vmlab.client.NotebookRun;
import vmlab.client.RunningKernel;
import vmlab.kernel.KernelLog;
import vmlab.notebook.Notebook;
import vmlab.notebook.NotebookFormatException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * {@code vmlab run}: executes notebooks headless, without Python or Jupyter. Each notebook gets a fresh kernel (as with nbconvert),
 * its code cells run in order, and the executed notebook is written as nbformat 4.5 into the output folder.
 */
@Command(name = "run",
        description = {"Execute notebooks headless, in this JVM, without Python or Jupyter, and save them with their outputs.",
                "With no NOTEBOOK, runs every notebooks/*.ipynb in name order."},
        footer = {"", "Exit codes: 0 every cell ran as expected; 1 a cell failed that is not tagged raises-exception "
                + "(or timed out, or the kernel died); 2 a notebook could not be read (and no cell failed)."})
public final class RunCommand implements Callable<Integer> {

    static final int CELL_FAILED = 1;
    static final int BAD_NOTEBOOK = 2;

    @Parameters(paramLabel = "NOTEBOOK", arity = "0..*", description = "Notebooks to run (default: notebooks/*.ipynb).")
    private List<Path> notebooks = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Folder for the executed notebooks (default: ${DEFAULT-VALUE}); same file names as the inputs.")
    private Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120",
            description = "Seconds one cell may run before it is interrupted (default: ${DEFAULT-VALUE}; 0: no limit).")
    private long timeoutSeconds;

    private final KernelStarter kernels;

    /** Starts the kernel that runs one notebook. */
    @FunctionalInterface
    interface KernelStarter {
        /** A fresh kernel for the notebook in {@code notebookFolder}. */
        RunningKernel start(Path notebookFolder);
    }

    public RunCommand() {
        this(InProcessKernel::start);
    }

    /** For tests that run notebooks on another kernel, for example ipykernel. */
    RunCommand(KernelStarter kernels) {
        this.kernels = kernels;
    }

    @Override
    public Integer call() {
        // Keep our own handle on the console: an in-process kernel may redirect System.out while cells run.
        PrintStream console = System.out;
        PrintStream errors = System.err;
        // This JVM is the kernel's host: no windows for charts, and the kernel's log at WARNING as under Jupyter.
        System.setProperty("java.awt.headless", "true");
        try {
            KernelLog.configure(Level.WARNING, null);
        } catch (IOException e) {
            errors.println("vmlab run: cannot configure the kernel's log: " + e.getMessage());
        }
        List<Path> files;
        try {
            files = notebooks.isEmpty() ? courseNotebooks() : notebooks;
        } catch (IllegalStateException e) {
            errors.println("vmlab run: " + e.getMessage());
            return BAD_NOTEBOOK;
        }
        boolean cellFailed = false;
        boolean badNotebook = false;
        Map<Path, Path> written = new HashMap<>();
        for (Path file : files) {
            Path target = out.resolve(file.getFileName());
            Path earlier = written.putIfAbsent(target.toAbsolutePath().normalize(), file);
            if (earlier != null) {
                errors.println(file + ": not run: its output " + target + " would overwrite the one of " + earlier);
                badNotebook = true;
                continue;
            }
            Notebook notebook;
            try {
                notebook = Notebook.read(file);
            } catch (NotebookFormatException e) {
                errors.println(e.getMessage());
                badNotebook = true;
                continue;
            }
            try {
                Timed timed = run(notebook, file);
                NotebookRun run = timed.run();
                notebook.write(target);
                console.println(String.format(Locale.ROOT, "%s: %s (+%.1f s kernel start) -> %s", file.getFileName(),
                        run.summary(), timed.kernelStart().toMillis() / 1000.0, target));
                for (CellOutcome failure : run.failures()) {
                    console.println("  " + failure);
                }
                cellFailed |= !run.succeeded();
            } catch (KernelException e) {
                errors.println(file + ": " + e.getMessage());
                cellFailed = true;
            } catch (UncheckedIOException e) {
                errors.println(file + ": " + e.getMessage());
                badNotebook = true;
            }
        }
        return cellFailed ? CELL_FAILED : badNotebook ? BAD_NOTEBOOK : 0;
    }

    /** A notebook's run and how long its fresh kernel took to be ready (reported apart: it is not the lesson's cost). */
    private record Timed(NotebookRun run, Duration kernelStart) {
    }

    private Timed run(Notebook notebook, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        long starting = System.nanoTime();
        try (RunningKernel kernel = kernels.start(folder)) {
            Duration kernelStart = Duration.ofNanos(System.nanoTime() - starting);
            NotebookRun run = new NotebookExecutor(kernel.client())
                    .cellTimeout(timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null)
                    .execute(notebook);
            return new Timed(run, kernelStart);
        }
    }

    /** notebooks/*.ipynb under the current folder, sorted by name: the course in lesson order. */
    private static List<Path> courseNotebooks() {
        Path folder = Path.of("notebooks");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no NOTEBOOK given and no notebooks/ folder in " + Path.of("").toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ipynb"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no .ipynb files in " + folder.toAbsolutePath());
            }
            return found;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
