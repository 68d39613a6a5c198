package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.display.Display;
import vmlab.display.MimeBundle;
import vmlab.display.Renderers;
import vmlab.evaluation.CellValue;
import vmlab.evaluation.Completeness;
import vmlab.evaluation.Completion;
import vmlab.evaluation.EvaluationException;
import vmlab.evaluation.Inspection;
import vmlab.evaluation.JShellEvaluator;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The single place where Jupyter meets JShell: it answers each shell and control request.
 * Requests run on the channel's thread; a cell runs on its own thread (see the evaluation package) while the shell
 * thread waits, so the control channel can still interrupt it.
 */
final class JavaKernel {

    private static final System.Logger LOG = System.getLogger(JavaKernel.class.getName());

    private final IOPub iopub;
    private final StdinChannel stdin;
    private final ScheduledExecutorService flusher;
    private final CompletableFuture<JShellEvaluator> evaluator;
    private final Runnable shutdown;
    private final History history = new History();
    private int executionCount;
    /** True while an execute request is being answered, from before JShell is ready until the cell ends. */
    private volatile boolean executing;
    /**
     * An interrupt that came while {@link #executing}: the evaluator only sees interrupts once the cell runs, and the
     * first cell may wait for JShell's start-up, so the kernel remembers it and hands it over. One that comes before the
     * shell thread has taken the request stops nothing, as in ipykernel: the kernel was idle when it came.
     */
    private volatile boolean executeInterrupted;
    /** Set when a cell failed with stop_on_error: the requests already waiting are answered "aborted". */
    private boolean abortQueued;

    JavaKernel(IOPub iopub, StdinChannel stdin, ScheduledExecutorService flusher,
               CompletableFuture<JShellEvaluator> evaluator, Runnable shutdown) {
        this.iopub = iopub;
        this.stdin = stdin;
        this.flusher = flusher;
        this.evaluator = evaluator;
        this.shutdown = shutdown;
    }

    /** Every request is framed by busy and idle status messages, as front ends expect. */
    void handle(JupyterMessage request, RequestChannel channel) {
        status(request, "busy");
        try {
            dispatch(request, channel);
            // Before idle: a client sends its next cell only after idle, so only cells queued behind the failure are aborted.
            if (abortQueued && channel.name().equals("shell")) {
                abortQueued = false;
                abortWaitingCells(channel);
            }
        } finally {
            iopub.publishNow(request.child("status", JupyterMessage.object().put("execution_state", "idle")));
        }
    }

    private void dispatch(JupyterMessage request, RequestChannel channel) {
        ObjectNode c = request.content();
        switch (request.type()) {
            case "kernel_info_request" -> channel.reply(request.child("kernel_info_reply", KernelInfo.content()));
            case "execute_request" -> execute(request, channel);
            case "complete_request" -> channel.reply(request.child("complete_reply", complete(c)));
            case "inspect_request" -> channel.reply(request.child("inspect_reply", inspect(c)));
            case "is_complete_request" -> channel.reply(request.child("is_complete_reply", isComplete(c)));
            case "history_request" -> {
                ObjectNode reply = ok();
                reply.set("history", history.answer(c));
                channel.reply(request.child("history_reply", reply));
            }
            case "comm_info_request" -> {
                ObjectNode reply = ok();
                reply.putObject("comms");
                channel.reply(request.child("comm_info_reply", reply));
            }
            case "comm_open" -> // No comm targets yet: say so by closing the comm, as ipykernel does.
                    iopub.publish(request.child("comm_close", JupyterMessage.object().put("comm_id", c.path("comm_id").asText())));
            case "comm_msg", "comm_close" -> {
            }
            case "interrupt_request" -> {
                interrupt();
                channel.reply(request.child("interrupt_reply", ok()));
            }
            case "shutdown_request" -> {
                interrupt();
                channel.reply(request.child("shutdown_reply", ok().put("restart", c.path("restart").asBoolean(false))));
                shutdown.run();
            }
            default -> LOG.log(Level.WARNING, channel.name() + ": no handler for " + request.type());
        }
    }

    void interrupt() {
        if (executing) {
            executeInterrupted = true;
        }
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().interrupt();
        }
    }

    private void execute(JupyterMessage request, RequestChannel channel) {
        executeInterrupted = false;
        executing = true;
        try {
            executeCell(request, channel);
        } finally {
            executing = false;
        }
    }

    private void executeCell(JupyterMessage request, RequestChannel channel) {
        ObjectNode c = request.content();
        String code = c.path("code").asText("");
        boolean silent = c.path("silent").asBoolean(false);
        boolean storeHistory = c.path("store_history").asBoolean(!silent) && !silent;
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            iopub.publish(request.child("execute_input", JupyterMessage.object().put("code", code).put("execution_count", count)));
        }
        CellOutput output = new CellOutput(request, iopub, stdin, flusher);
        StandardStreams.bind(output);
        Display.bind(output);
        ObjectNode reply;
        String resultText = null;
        try {
            CellValue value = jshell().evaluate(code, () -> executeInterrupted);
            output.flush();
            if (value.present() && !silent) {
                MimeBundle bundle = Renderers.standard().render(value.value());
                resultText = bundle.data().get("text/plain");
                ObjectNode result = CellOutput.bundleContent(bundle).put("execution_count", count);
                output.publish("execute_result", result);
            }
            reply = ok().put("execution_count", count);
            reply.set("payload", output.payload());
            reply.set("user_expressions", userExpressions(c.path("user_expressions")));
        } catch (EvaluationException e) {
            output.flush();
            ObjectNode error = errorContent(e);
            output.publish("error", error.deepCopy().without("status"));
            reply = error.put("execution_count", count);
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            // Our bug or a broken JShell: tell the user, keep serving.
            LOG.log(Level.ERROR, "execute failed inside the kernel", e);
            output.flush();
            ObjectNode error = JupyterMessage.object().put("status", "error").put("ename", e.getClass().getName())
                    .put("evalue", String.valueOf(e.getMessage()));
            error.putArray("traceback").add("Kernel error: " + e);
            output.publish("error", error.deepCopy().without("status"));
            reply = error.put("execution_count", count);
        } finally {
            StandardStreams.unbind();
            Display.unbind();
        }
        if (storeHistory) {
            history.add(count, code, resultText);
        }
        iopub.awaitSent();
        channel.reply(request.child("execute_reply", reply));
        abortQueued = reply.path("status").asText().equals("error") && c.path("stop_on_error").asBoolean(true);
    }

    /** Values a front end asked for alongside the cell (e.g. a variable watcher): each rendered, or its error. */
    private ObjectNode userExpressions(JsonNode expressions) {
        ObjectNode results = JupyterMessage.object();
        expressions.fields().forEachRemaining(e -> {
            try {
                CellValue value = jshell().evaluate(e.getValue().asText());
                MimeBundle bundle = Renderers.standard().render(value.present() ? value.value() : null);
                results.set(e.getKey(), CellOutput.bundleContent(bundle).put("status", "ok"));
            } catch (EvaluationException failure) {
                results.set(e.getKey(), errorContent(failure));
            }
        });
        return results;
    }

    /** After a failed cell with stop_on_error, the cells already queued behind it are answered "aborted", not run. */
    private void abortWaitingCells(RequestChannel channel) {
        JupyterMessage waiting;
        while ((waiting = channel.pollWaiting()) != null) {
            if (waiting.type().equals("execute_request")) {
                status(waiting, "busy");
                channel.reply(waiting.child("execute_reply", JupyterMessage.object().put("status", "aborted")
                        .put("execution_count", executionCount)));
                status(waiting, "idle");
            } else {
                handle(waiting, channel);
            }
        }
    }

    private static ObjectNode errorContent(EvaluationException e) {
        ObjectNode error = JupyterMessage.object().put("status", "error").put("ename", e.ename()).put("evalue", e.evalue());
        var traceback = error.putArray("traceback");
        e.traceback().forEach(traceback::add);
        return error;
    }

    private ObjectNode complete(JsonNode c) {
        String code = c.path("code").asText("");
        int cursor = CodeOffsets.toJava(code, c.path("cursor_pos").asInt(code.length()));
        Completion completion = jshell().complete(code, cursor);
        ObjectNode reply = ok()
                .put("cursor_start", CodeOffsets.toJupyter(code, completion.start()))
                .put("cursor_end", CodeOffsets.toJupyter(code, completion.end()));
        completion.matches().forEach(reply.putArray("matches")::add);
        reply.putObject("metadata");
        return reply;
    }

    private ObjectNode inspect(JsonNode c) {
        String code = c.path("code").asText("");
        int cursor = CodeOffsets.toJava(code, c.path("cursor_pos").asInt(code.length()));
        Inspection inspection = jshell().inspect(code, cursor);
        ObjectNode reply = ok().put("found", inspection.found());
        ObjectNode data = reply.putObject("data");
        if (inspection.found()) {
            data.put("text/plain", inspection.text());
        }
        reply.putObject("metadata");
        return reply;
    }

    private ObjectNode isComplete(JsonNode c) {
        Completeness completeness = jshell().completeness(c.path("code").asText(""));
        ObjectNode reply = JupyterMessage.object().put("status", completeness.status());
        if (completeness.status().equals("incomplete")) {
            reply.put("indent", completeness.indent());
        }
        return reply;
    }

    /** The evaluator, waiting for its background start-up if a cell arrives within the first second. */
    private JShellEvaluator jshell() {
        try {
            return evaluator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    private void status(JupyterMessage parent, String state) {
        iopub.publish(parent.child("status", JupyterMessage.object().put("execution_state", state)));
    }

    private static ObjectNode ok() {
        return JupyterMessage.object().put("status", "ok");
    }
}
