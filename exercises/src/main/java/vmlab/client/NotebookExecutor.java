package vmlab.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.Cell;
import vmlab.notebook.Notebook;
import vmlab.notebook.Outputs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs every code cell of a notebook, in order, on one kernel, and writes the outputs and execution counts into the cells; the
 * same job as {@code jupyter nbconvert --to notebook --execute}, with the same conventions:
 * <ul>
 *   <li>a cell tagged {@code raises-exception} may fail: its error is kept and the run goes on;</li>
 *   <li>a cell tagged {@code skip-execution}, and an empty cell, is not sent; its outputs are left as they are;</li>
 *   <li>by default the run stops at the first unexpected error (nbconvert's default); the cells after it are cleared, so the
 *       saved notebook never mixes fresh outputs with stale ones. {@link #continueOnError()} runs them anyway;</li>
 *   <li>a cell that runs longer than the cell timeout is interrupted and gets a {@code CellTimeoutError} output.</li>
 * </ul>
 * Display updates reach outputs of earlier cells, so a live chart is saved in its final state.
 */
public final class NotebookExecutor {

    public static final String RAISES_EXCEPTION = "raises-exception";
    public static final String SKIP_EXECUTION = "skip-execution";

    private final KernelClient kernel;
    private Duration cellTimeout;
    private boolean stopOnError = true;
    private CellListener listener = outcome -> { };

    public NotebookExecutor(KernelClient kernel) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** How long one cell may run before it is interrupted; null (the default) for no limit. */
    public NotebookExecutor cellTimeout(Duration cellTimeout) {
        this.cellTimeout = cellTimeout;
        return this;
    }

    /** Keeps running after an unexpected error, like nbconvert's {@code --allow-errors}; the run still counts as failed. */
    public NotebookExecutor continueOnError() {
        this.stopOnError = false;
        return this;
    }

    public NotebookExecutor listener(CellListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Runs the notebook's code cells in place and reports on each. */
    public NotebookRun execute(Notebook notebook) {
        long start = System.nanoTime();
        JsonNode languageInfo = kernel.kernelInfo().get("language_info");
        if (languageInfo instanceof ObjectNode info) {
            notebook.metadata().set("language_info", info.deepCopy());
        }
        LiveDisplays displays = new LiveDisplays();
        List<CellOutcome> outcomes = new ArrayList<>();
        List<Cell> cells = notebook.cells();
        boolean stopped = false;
        for (int index = 0; index < cells.size(); index++) {
            Cell cell = cells.get(index);
            if (!cell.isCode()) {
                continue;
            }
            CellOutcome outcome;
            if (stopped) {
                cell.clearOutputs();
                outcome = new CellOutcome(index, cell, CellOutcome.Kind.NOT_RUN, Duration.ZERO, null);
            } else if (cell.hasTag(SKIP_EXECUTION) || cell.source().isBlank()) {
                outcome = new CellOutcome(index, cell, CellOutcome.Kind.SKIPPED, Duration.ZERO, null);
            } else {
                outcome = run(index, cell, displays);
                boolean kernelGone = outcome.kind() == CellOutcome.Kind.KERNEL_DIED || !outcome.result().kernelResponsive();
                stopped = kernelGone || (outcome.failed() && stopOnError);
            }
            outcomes.add(outcome);
            listener.finished(outcome);
        }
        return new NotebookRun(notebook, outcomes, Duration.ofNanos(System.nanoTime() - start));
    }

    private CellOutcome run(int index, Cell cell, LiveDisplays displays) {
        listener.starting(index, cell);
        boolean mayFail = cell.hasTag(RAISES_EXCEPTION);
        cell.clearOutputs();
        ExecutionResult result = kernel.execute(ExecuteRequest.of(cell.source())
                .timeout(cellTimeout)
                .stopOnError(stopOnError && !mayFail) // as nbclient sends it
                .displays(displays));
        result.outputs().forEach(cell::addOutput);
        cell.executionCount(result.executionCount());
        // The kernel's own timestamps, under the keys nbclient records, so our files differ from nbconvert's only in values.
        ObjectNode timing = cell.metadata().putObject("execution");
        new TreeMap<>(result.timestamps()).forEach(timing::put);
        CellOutcome.Kind kind = switch (result.status()) {
            case OK -> CellOutcome.Kind.OK;
            case ERROR -> mayFail ? CellOutcome.Kind.EXPECTED_ERROR : CellOutcome.Kind.UNEXPECTED_ERROR;
            case ABORTED -> CellOutcome.Kind.UNEXPECTED_ERROR;
            case TIMED_OUT -> CellOutcome.Kind.TIMED_OUT;
            case KERNEL_DIED -> CellOutcome.Kind.KERNEL_DIED;
        };
        if (kind == CellOutcome.Kind.TIMED_OUT) {
            String message = "Cell execution timed out: " + result.failure();
            cell.addOutput(Outputs.error("CellTimeoutError", message, List.of("CellTimeoutError: " + message)));
        }
        return new CellOutcome(index, cell, kind, result.elapsed(), result);
    }
}
