package vmlab.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import vmlab.jupyter.ConnectionInfo;
import vmlab.jupyter.HeartbeatMonitor;
import vmlab.jupyter.JupyterMessage;
import vmlab.jupyter.JupyterSocket;
import vmlab.jupyter.WireFormat;
import vmlab.notebook.Outputs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Jupyter client in pure Java: it connects to a running kernel's five channels and runs code on it, the way nbclient does.
 *
 * <pre>{@code
 * try (KernelClient kernel = KernelClient.connect(ConnectionInfo.read(file))) {
 *     ExecutionResult result = kernel.execute("1 + 1", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Nothing here hangs on a broken kernel: every wait has a deadline, and a kernel whose process exits or whose heartbeat stops is
 * reported ({@link ExecutionResult.Status#KERNEL_DIED}, {@link KernelDiedException}). One thread executes at a time;
 * {@link #interrupt()} may be called from any thread.
 */
public final class KernelClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KernelClient.class.getName());
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** How often a wait wakes up to check that the kernel is still alive and the deadline not passed. */
    private static final int CHECK_MILLIS = 100;
    private static final long REPEAT_INTERRUPT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ConnectionInfo info;
    private final Options options;
    /** Our session id, in every header; also our routing identity on shell and stdin, so stdin requests reach us. */
    private final String session = java.util.UUID.randomUUID().toString();
    private final String username = System.getProperty("user.name", "vmlab");
    private final ZContext context = new ZContext();
    private final JupyterSocket shell;
    private final JupyterSocket iopub;
    private final JupyterSocket stdin;
    private final JupyterSocket control;
    private final ZMQ.Poller executionPoller;
    private final ZMQ.Poller controlPoller;
    private final HeartbeatMonitor heartbeat;
    private final Object executionLock = new Object();
    private final Object controlLock = new Object();
    private volatile String running;
    private volatile boolean interruptSent;
    private volatile String deathCause;
    private ObjectNode kernelInfo;

    /**
     * What the client knows about the kernel beyond its connection file.
     *
     * @param process          the kernel's process when we launched it: its exit is noticed at once, and SIGINT can reach it
     * @param interruptMode    how to interrupt, from the kernelspec
     * @param startupTimeout   how long {@link #connect} waits for the first kernel_info reply
     * @param replyTimeout     how long a control or shell request (kernel_info, interrupt, shutdown) may take to be answered
     * @param heartbeatTimeout how long the heartbeat may stay silent before the kernel is declared dead
     * @param interruptGrace   after a timeout's interrupt, how long the kernel has to stop and report idle
     */
    public record Options(Process process, InterruptMode interruptMode, Duration startupTimeout, Duration replyTimeout,
                          Duration heartbeatTimeout, Duration interruptGrace) {

        public static Options defaults() {
            return new Options(null, InterruptMode.MESSAGE, Duration.ofSeconds(60), Duration.ofSeconds(10),
                    Duration.ofSeconds(20), Duration.ofSeconds(10));
        }

        public Options process(Process process) {
            return new Options(process, interruptMode, startupTimeout, replyTimeout, heartbeatTimeout, interruptGrace);
        }

        public Options interruptMode(InterruptMode interruptMode) {
            return new Options(process, interruptMode, startupTimeout, replyTimeout, heartbeatTimeout, interruptGrace);
        }

        public Options startupTimeout(Duration startupTimeout) {
            return new Options(process, interruptMode, startupTimeout, replyTimeout, heartbeatTimeout, interruptGrace);
        }

        public Options replyTimeout(Duration replyTimeout) {
            return new Options(process, interruptMode, startupTimeout, replyTimeout, heartbeatTimeout, interruptGrace);
        }

        public Options heartbeatTimeout(Duration heartbeatTimeout) {
            return new Options(process, interruptMode, startupTimeout, replyTimeout, heartbeatTimeout, interruptGrace);
        }

        public Options interruptGrace(Duration interruptGrace) {
            return new Options(process, interruptMode, startupTimeout, replyTimeout, heartbeatTimeout, interruptGrace);
        }
    }

    private KernelClient(ConnectionInfo info, Options options) {
        this.info = info;
        this.options = options;
        WireFormat wire = new WireFormat(info);
        byte[] identity = session.getBytes(StandardCharsets.UTF_8);
        shell = socket(SocketType.DEALER, info.shellPort(), identity, wire, "shell");
        stdin = socket(SocketType.DEALER, info.stdinPort(), identity, wire, "stdin");
        control = socket(SocketType.DEALER, info.controlPort(), null, wire, "control");
        iopub = socket(SocketType.SUB, info.iopubPort(), null, wire, "iopub");
        iopub.zmq().subscribe(new byte[0]);
        executionPoller = context.createPoller(3);
        executionPoller.register(shell.zmq(), ZMQ.Poller.POLLIN);
        executionPoller.register(iopub.zmq(), ZMQ.Poller.POLLIN);
        executionPoller.register(stdin.zmq(), ZMQ.Poller.POLLIN);
        controlPoller = context.createPoller(1);
        controlPoller.register(control.zmq(), ZMQ.Poller.POLLIN);
        heartbeat = new HeartbeatMonitor(info.endpoint(info.hbPort()));
    }

    private JupyterSocket socket(SocketType type, int port, byte[] identity, WireFormat wire, String name) {
        return JupyterSocket.connect(context.createSocket(type), info.endpoint(port), identity, wire, "client " + name);
    }

    /** Connects with default options and waits until the kernel answers kernel_info and its iopub messages reach us. */
    public static KernelClient connect(ConnectionInfo info) {
        return connect(info, Options.defaults());
    }

    public static KernelClient connect(ConnectionInfo info, Options options) {
        KernelClient client = new KernelClient(info, options);
        try {
            client.awaitReady();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Sends kernel_info requests until one is answered and a status message about one of them arrives on iopub. The second
     * condition matters: a SUB socket drops what is published before its subscription reaches the kernel ("slow joiner"), and the
     * first cell's output must not be lost.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        Set<String> asked = new HashSet<>();
        JupyterMessage reply = null;
        boolean iopubFlows = false;
        long repliedAt = 0;
        synchronized (executionLock) {
            while (reply == null || !iopubFlows) {
                if (System.nanoTime() > deadline) {
                    throw new KernelException("the kernel at " + info.ip() + " did not answer kernel_info within "
                            + options.startupTimeout().toSeconds() + " s");
                }
                // Some kernels publish no status for kernel_info; once replies flow, give iopub two seconds, then go on.
                if (reply != null && System.nanoTime() - repliedAt > TimeUnit.SECONDS.toNanos(2)) {
                    LOG.log(System.Logger.Level.DEBUG, "no iopub status for kernel_info; assuming the subscription is up");
                    break;
                }
                JupyterMessage request = newRequest("kernel_info_request", JSON.objectNode());
                asked.add(request.id());
                shell.send(request);
                long retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
                while (System.nanoTime() < retryAt && (reply == null || !iopubFlows)) {
                    executionPoller.poll(50);
                    for (JupyterMessage message : shell.drain()) {
                        if (asked.contains(message.parentId()) && reply == null) {
                            reply = message;
                            repliedAt = System.nanoTime();
                        }
                    }
                    for (JupyterMessage message : iopub.drain()) {
                        iopubFlows |= asked.contains(message.parentId());
                    }
                    stdin.drain();
                    String death = deathCause(false);
                    if (death != null) {
                        throw new KernelDiedException(death + " before it answered kernel_info");
                    }
                }
            }
        }
        kernelInfo = reply.content();
        heartbeat.alive();
    }

    /** The kernel's kernel_info_reply content from connecting: language_info, implementation, protocol_version, ... */
    public ObjectNode kernelInfo() {
        return kernelInfo.deepCopy();
    }

    /** Asks the kernel for its info again; a cheap round trip that proves the shell channel works. */
    public ObjectNode requestKernelInfo() {
        synchronized (executionLock) {
            return request(shell, executionPoller, "kernel_info_request", JSON.objectNode()).content();
        }
    }

    /** Runs code with a timeout (null for none); see {@link #execute(ExecuteRequest)}. */
    public ExecutionResult execute(String code, Duration timeout) {
        return execute(ExecuteRequest.of(code).timeout(timeout));
    }

    /**
     * Runs code and collects its outputs until the kernel reports idle for this request. When the timeout passes, the kernel is
     * interrupted and given {@link Options#interruptGrace()} to stop; the result then says {@link ExecutionResult.Status#TIMED_OUT}.
     * Never throws for what the kernel does: a dead kernel is a result too, with the outputs that arrived before it died.
     */
    public ExecutionResult execute(ExecuteRequest request) {
        synchronized (executionLock) {
            long start = System.nanoTime();
            OutputCollector collector = new OutputCollector(request.displays(), request.onOutput());
            Map<String, String> timestamps = new LinkedHashMap<>();
            String death = deathCause(true);
            if (death != null) {
                return died(collector, start, death, timestamps);
            }
            ObjectNode content = JSON.objectNode();
            content.put("code", request.code());
            content.put("silent", request.silent());
            content.put("store_history", request.storeHistory());
            content.putObject("user_expressions");
            content.put("allow_stdin", request.input() != null);
            content.put("stop_on_error", request.stopOnError());
            JupyterMessage message = newRequest("execute_request", content);
            interruptSent = false;
            running = message.id();
            try {
                shell.send(message);
                return await(message, request, collector, start, timestamps);
            } finally {
                running = null;
            }
        }
    }

    private ExecutionResult await(JupyterMessage request, ExecuteRequest what, OutputCollector collector, long start,
                                  Map<String, String> timestamps) {
        Long deadline = what.timeout() == null ? null : start + what.timeout().toNanos();
        Long graceDeadline = null;
        boolean timedOut = false;
        Long nextInterrupt = null; // nanoTime may be negative: no sentinel value is safe
        JupyterMessage reply = null;
        boolean idle = false;
        while (reply == null || !idle) {
            executionPoller.poll(CHECK_MILLIS);
            for (JupyterMessage message : iopub.drain()) {
                if (message.isAbout(request.id())) {
                    collector.accept(message);
                    String state = message.content().path("execution_state").asText();
                    if ("status".equals(message.type()) && ("busy".equals(state) || "idle".equals(state))) {
                        timestamps.put("iopub.status." + state, normalized(message.date()));
                        idle |= "idle".equals(state);
                    } else if ("execute_input".equals(message.type())) {
                        timestamps.put("iopub.execute_input", normalized(message.date()));
                    }
                }
            }
            for (JupyterMessage message : shell.drain()) {
                if (message.isAbout(request.id()) && "execute_reply".equals(message.type())) {
                    reply = message;
                    timestamps.put("shell.execute_reply", normalized(message.date()));
                }
            }
            for (JupyterMessage message : stdin.drain()) {
                if (message.isAbout(request.id()) && "input_request".equals(message.type())) {
                    answerInput(message, what);
                }
            }
            if (reply != null && idle) {
                break;
            }
            String death = deathCause(true);
            if (death != null) {
                return died(collector, start, death, timestamps);
            }
            long now = System.nanoTime();
            if (!timedOut && deadline != null && now > deadline) {
                timedOut = true;
                graceDeadline = now + options.interruptGrace().toNanos();
            }
            // An interrupt that lands before the kernel starts the code is lost (as in Jupyter), so repeat it until the
            // request is answered.
            if (timedOut && reply == null && (nextInterrupt == null || now > nextInterrupt)) {
                nextInterrupt = now + REPEAT_INTERRUPT_NANOS;
                try {
                    interrupt();
                } catch (KernelException e) {
                    LOG.log(System.Logger.Level.WARNING, "interrupt after timeout failed: " + e.getMessage());
                }
            }
            if (timedOut && now > graceDeadline) {
                String failure = "the cell ran longer than " + seconds(what.timeout()) + "; it was interrupted, but the kernel "
                        + "did not stop within " + seconds(options.interruptGrace());
                return result(ExecutionResult.Status.TIMED_OUT, collector, reply, start, failure, timestamps);
            }
        }
        if (timedOut) {
            return result(ExecutionResult.Status.TIMED_OUT, collector, reply, start,
                    "the cell ran longer than " + seconds(what.timeout()) + " and was interrupted", timestamps);
        }
        ExecutionResult.Status status = switch (reply.content().path("status").asText("error")) {
            case "ok" -> ExecutionResult.Status.OK;
            case "aborted" -> ExecutionResult.Status.ABORTED;
            default -> ExecutionResult.Status.ERROR;
        };
        return result(status, collector, reply, start, null, timestamps);
    }

    private void answerInput(JupyterMessage inputRequest, ExecuteRequest what) {
        String prompt = inputRequest.content().path("prompt").asText("");
        String value = what.input() == null ? "" : what.input().apply(prompt);
        ObjectNode content = JSON.objectNode();
        content.put("value", value == null ? "" : value);
        stdin.send(inputRequest.reply("input_reply", session, username, content));
    }

    private ExecutionResult died(OutputCollector collector, long start, String death, Map<String, String> timestamps) {
        collector.appendOwn(Outputs.error("DeadKernelError", "the kernel died: " + death, List.of("DeadKernelError: the kernel died: " + death)));
        return result(ExecutionResult.Status.KERNEL_DIED, collector, null, start, death, timestamps);
    }

    private ExecutionResult result(ExecutionResult.Status status, OutputCollector collector, JupyterMessage reply, long start,
                                   String failure, Map<String, String> timestamps) {
        Integer count = collector.executionCount();
        if (reply != null && reply.content().path("execution_count").canConvertToInt()) {
            count = reply.content().path("execution_count").asInt();
        }
        return new ExecutionResult(status, count, collector.outputs(), interruptSent, reply == null ? null : reply.content(),
                Duration.ofNanos(System.nanoTime() - start), failure, timestamps);
    }

    /** A kernel's header date in the one format nbclient writes (UTC, microseconds, 'Z'); kept as is if unparseable. */
    private static String normalized(String date) {
        try {
            return JupyterMessage.timestamp(OffsetDateTime.parse(date).toInstant());
        } catch (DateTimeParseException e) {
            return date;
        }
    }

    /**
     * Interrupts the code the kernel is running, the way its kernelspec asks: an interrupt_request on the control channel, or
     * SIGINT to the kernel process. Safe to call from another thread while {@link #execute} waits.
     */
    public void interrupt() {
        interruptSent = running != null;
        if (options.interruptMode() == InterruptMode.SIGNAL) {
            signalInterrupt();
        } else {
            synchronized (controlLock) {
                request(control, controlPoller, "interrupt_request", JSON.objectNode());
            }
        }
    }

    private void signalInterrupt() {
        Process process = options.process();
        if (process == null) {
            throw new IllegalStateException("interrupt_mode 'signal' needs the kernel's process; connect with Options.process(...)");
        }
        try {
            // Java can only send SIGTERM/SIGKILL itself; kill(1) sends SIGINT, which is what Jupyter sends too.
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new KernelException("could not send SIGINT to kernel process " + process.pid());
            }
        } catch (IOException e) {
            throw new KernelException("could not run kill -INT: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("interrupted while sending SIGINT to the kernel");
        }
    }

    /**
     * Asks the kernel to shut down (a shutdown_request on control) and, when we know its process, waits for it to exit.
     * Returns true when the kernel confirmed. The client is unusable afterwards.
     */
    public boolean shutdown() {
        boolean confirmed;
        synchronized (controlLock) {
            try {
                ObjectNode content = JSON.objectNode();
                content.put("restart", false);
                request(control, controlPoller, "shutdown_request", content);
                confirmed = true;
            } catch (KernelException e) {
                confirmed = false;
            }
        }
        deathCause = "it was shut down";
        Process process = options.process();
        if (process != null) {
            try {
                process.waitFor(options.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return confirmed;
    }

    /**
     * True while the kernel is alive: its process (when we know it) runs and its heartbeat answered within
     * {@link Options#heartbeatTimeout()}.
     */
    public boolean isAlive() {
        return deathCause(true) == null;
    }

    /** How long since the kernel last answered a heartbeat ping. */
    public Duration heartbeatSilence() {
        return heartbeat.silence();
    }

    /** Why the kernel is dead, or null while it lives. Once dead, always dead. */
    private String deathCause(boolean checkHeartbeat) {
        if (deathCause != null) {
            return deathCause;
        }
        Process process = options.process();
        if (process != null && !process.isAlive()) {
            deathCause = "its process " + process.pid() + " exited with code " + process.exitValue();
        } else if (checkHeartbeat && heartbeat.silence().compareTo(options.heartbeatTimeout()) > 0) {
            deathCause = "it has not answered its heartbeat for " + seconds(heartbeat.silence());
        }
        return deathCause;
    }

    /** Sends a request and waits for its reply on the same socket, dropping anything else that arrives there. */
    private JupyterMessage request(JupyterSocket socket, ZMQ.Poller poller, String type, ObjectNode content) {
        String death = deathCause(true);
        if (death != null) {
            throw new KernelDiedException(death);
        }
        JupyterMessage request = newRequest(type, content);
        socket.send(request);
        long deadline = System.nanoTime() + options.replyTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            poller.poll(CHECK_MILLIS);
            for (JupyterMessage message : socket.drain()) {
                if (message.isAbout(request.id())) {
                    return message;
                }
            }
            death = deathCause(true);
            if (death != null) {
                throw new KernelDiedException(death);
            }
        }
        throw new KernelException("the kernel did not answer " + type + " within " + seconds(options.replyTimeout()));
    }

    private JupyterMessage newRequest(String type, ObjectNode content) {
        return JupyterMessage.request(type, session, username, content);
    }

    private static String seconds(Duration duration) {
        return Objects.requireNonNullElse(duration, Duration.ZERO).toMillis() / 1000.0 + " s";
    }

    public ConnectionInfo connectionInfo() {
        return info;
    }

    /** Closes the sockets. The kernel keeps running: stop it with {@link #shutdown()} or through whoever started it. */
    @Override
    public void close() {
        heartbeat.close();
        executionPoller.close();
        controlPoller.close();
        context.close();
    }

    @Override
    public String toString() {
        return "client of " + info;
    }
}
