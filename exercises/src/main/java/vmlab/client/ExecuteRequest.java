package vmlab.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One execute_request and how to wait for it. Start from {@link #of(String)} and change what you need:
 * {@code ExecuteRequest.of(code).timeout(Duration.ofSeconds(10)).storeHistory(false)}.
 *
 * @param timeout  how long the code may run before it is interrupted; null for no limit
 * @param displays where outputs with a display_id are remembered, so later updates rewrite them (share it across a notebook)
 * @param onOutput called on the calling thread for each output as it arrives, for live progress
 * @param input    answers the kernel's input requests (prompt to text); null when the code may not read stdin
 */
public record ExecuteRequest(String code, Duration timeout, boolean stopOnError, boolean storeHistory, boolean silent,
                             LiveDisplays displays, Consumer<ObjectNode> onOutput, UnaryOperator<String> input) {

    public ExecuteRequest {
        Objects.requireNonNull(code, "code");
        displays = displays == null ? new LiveDisplays() : displays;
        onOutput = onOutput == null ? output -> { } : onOutput;
    }

    /**
     * Code to run with history stored, no timeout, no stdin, and stop_on_error off. Front ends set stop_on_error to drop the
     * cells a user queued behind a failing one; this client never queues, and with it set ipykernel also aborts a request
     * that arrives just after an error, so a grader's next cell could be refused for nothing.
     */
    public static ExecuteRequest of(String code) {
        return new ExecuteRequest(code, null, false, true, false, null, null, null);
    }

    public ExecuteRequest timeout(Duration timeout) {
        return new ExecuteRequest(code, timeout, stopOnError, storeHistory, silent, displays, onOutput, input);
    }

    /** Whether the kernel should drop requests queued behind this one if it fails. */
    public ExecuteRequest stopOnError(boolean stopOnError) {
        return new ExecuteRequest(code, timeout, stopOnError, storeHistory, silent, displays, onOutput, input);
    }

    public ExecuteRequest storeHistory(boolean storeHistory) {
        return new ExecuteRequest(code, timeout, stopOnError, storeHistory, silent, displays, onOutput, input);
    }

    public ExecuteRequest displays(LiveDisplays displays) {
        return new ExecuteRequest(code, timeout, stopOnError, storeHistory, silent, displays, onOutput, input);
    }

    public ExecuteRequest onOutput(Consumer<ObjectNode> onOutput) {
        return new ExecuteRequest(code, timeout, stopOnError, storeHistory, silent, displays, onOutput, input);
    }

    public ExecuteRequest input(UnaryOperator<String> input) {
        return new ExecuteRequest(code, timeout, stopOnError, storeHistory, silent, displays, onOutput, input);
    }
}
