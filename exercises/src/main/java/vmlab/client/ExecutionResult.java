package vmlab.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.MultilineText;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one execution request produced: its nbformat outputs in order (ready to put in a cell), how it ended, and the error the
 * kernel reported, if any.
 *
 * @param status         how the execution ended
 * @param executionCount the kernel's counter for this execution, or null when the kernel never said
 * @param outputs        nbformat outputs (stream, display_data, execute_result, error), final state after display updates
 * @param interrupted    true when an interrupt was sent while this code ran (by a timeout or by {@link KernelClient#interrupt()})
 * @param reply          the content of the kernel's execute_reply, or null when none came (timeout without answer, dead kernel)
 * @param elapsed        wall time from sending the request to the end of the execution
 * @param failure        for {@link Status#TIMED_OUT} and {@link Status#KERNEL_DIED}: what happened, in words
 * @param timestamps     when the kernel said it went busy, took the input, replied and went idle, under nbclient's keys
 *                       ({@code iopub.status.busy}, {@code iopub.execute_input}, {@code shell.execute_reply},
 *                       {@code iopub.status.idle}), in ISO 8601 with microseconds
 */
public record ExecutionResult(Status status, Integer executionCount, List<ObjectNode> outputs, boolean interrupted,
                              ObjectNode reply, Duration elapsed, String failure, Map<String, String> timestamps) {

    /** How an execution ended. */
    public enum Status {
        /** The code ran to the end. */
        OK,
        /** The code raised an error; the kernel is fine. */
        ERROR,
        /** The kernel refused to run the code because an earlier request failed with stop_on_error. */
        ABORTED,
        /** The code ran longer than the timeout; it was interrupted. Check {@link #kernelResponsive()}. */
        TIMED_OUT,
        /** The kernel process exited or stopped answering its heartbeat. Nothing more can run on it. */
        KERNEL_DIED
    }

    public ExecutionResult {
        outputs = List.copyOf(outputs);
        timestamps = Map.copyOf(timestamps);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public boolean timedOut() {
        return status == Status.TIMED_OUT;
    }

    /** False after a timeout whose interrupt the kernel did not answer in time, or when the kernel died. */
    public boolean kernelResponsive() {
        return status != Status.KERNEL_DIED && reply != null;
    }

    /** The error's class name as the kernel reported it (for Java, e.g. "java.lang.ArithmeticException"). */
    public Optional<String> errorName() {
        return errorOutput().map(error -> error.path("ename").asText());
    }

    /** The error's message. */
    public Optional<String> errorValue() {
        return errorOutput().map(error -> error.path("evalue").asText());
    }

    private Optional<ObjectNode> errorOutput() {
        return outputs.stream().filter(output -> "error".equals(output.path("output_type").asText())).reduce((a, b) -> b);
    }

    /** Everything the code printed to the given stream ("stdout" or "stderr"). */
    public String stream(String name) {
        return outputs.stream()
                .filter(output -> "stream".equals(output.path("output_type").asText()) && name.equals(output.path("name").asText()))
                .map(output -> output.path("text").asText())
                .collect(Collectors.joining());
    }

    public String stdout() {
        return stream("stdout");
    }

    public String stderr() {
        return stream("stderr");
    }

    /** The text/plain form of the last expression's value, when the code ended with one. */
    public Optional<String> resultText() {
        return outputs.stream()
                .filter(output -> "execute_result".equals(output.path("output_type").asText()))
                .map(output -> output.path("data").path("text/plain"))
                .filter(text -> !text.isMissingNode())
                .map(MultilineText::join)
                .reduce((a, b) -> b);
    }

    @Override
    public String toString() {
        String what = switch (status) {
            case OK -> "ok";
            case ERROR -> "error " + errorName().orElse("?") + ": " + errorValue().orElse("");
            case ABORTED -> "aborted";
            case TIMED_OUT, KERNEL_DIED -> status.name().toLowerCase().replace('_', ' ') + ": " + failure;
        };
        return "execution [" + (executionCount == null ? " " : executionCount) + "] " + what + " (" + outputs.size()
                + " outputs, " + elapsed.toMillis() + " ms)";
    }
}
