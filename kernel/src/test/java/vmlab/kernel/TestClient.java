package vmlab.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import vmlab.jupyter.ConnectionInfo;
import vmlab.jupyter.JupyterMessage;
import vmlab.jupyter.JupyterSocket;
import vmlab.jupyter.WireFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A bare Jupyter client for protocol tests: it sends single messages, forged ones too, and collects replies and iopub
 * messages one by one, where {@link vmlab.client.KernelClient} would hide them. It frames and signs with the same
 * {@link WireFormat} as the kernel and the client.
 */
final class TestClient implements AutoCloseable {

    final ConnectionInfo connection;
    /** The kernel this client started and closes with itself, or null. */
    private KernelServer ownKernel;
    final String session = UUID.randomUUID().toString();
    private final ZMQ.Context context = ZMQ.context(1);
    private final WireFormat wire;
    final JupyterSocket shell;
    final JupyterSocket control;
    final JupyterSocket stdin;
    final JupyterSocket iopub;
    final ZMQ.Socket heartbeat;

    TestClient(ConnectionInfo connection) throws InterruptedException {
        this.connection = connection;
        this.wire = new WireFormat(connection);
        byte[] identity = session.getBytes(StandardCharsets.US_ASCII);
        shell = socket(SocketType.DEALER, connection.shellPort(), identity);
        control = socket(SocketType.DEALER, connection.controlPort(), null);
        stdin = socket(SocketType.DEALER, connection.stdinPort(), identity);
        iopub = socket(SocketType.SUB, connection.iopubPort(), null);
        iopub.zmq().subscribe(new byte[0]);
        heartbeat = context.socket(SocketType.REQ);
        heartbeat.setLinger(0);
        heartbeat.setReceiveTimeOut(20_000);
        heartbeat.connect(connection.endpoint(connection.hbPort()));
        // A SUB socket misses what is published before its subscription reaches the publisher.
        awaitIopubConnected();
    }

    /** A kernel of its own on fresh loopback ports, ready to run cells; closing the client stops it. */
    static TestClient onFreshKernel() throws InterruptedException {
        return onFreshKernel(true);
    }

    /** The same, without waiting for the kernel's JShell: its first cell will wait for the start-up. */
    static TestClient onKernelStillStarting() throws InterruptedException {
        return onFreshKernel(false);
    }

    private static TestClient onFreshKernel(boolean ready) throws InterruptedException {
        KernelServer kernel = KernelServer.start(ConnectionInfo.loopback("vmlab"));
        try {
            TestClient client = new TestClient(kernel.connection());
            client.ownKernel = kernel;
            if (ready) {
                kernel.awaitReady();
            }
            return client;
        } catch (RuntimeException | InterruptedException | Error e) {
            kernel.close();
            throw e;
        }
    }

    private JupyterSocket socket(SocketType type, int port, byte[] identity) {
        JupyterSocket s = JupyterSocket.connect(context.socket(type), connection.endpoint(port), identity, wire, "test " + type);
        s.zmq().setReceiveTimeOut(20_000);
        return s;
    }

    private void awaitIopubConnected() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JupyterMessage request = send(shell, "kernel_info_request", JupyterMessage.object());
            reply(shell, request);
            iopub.zmq().setReceiveTimeOut(100);
            JupyterMessage got = iopub.receive();
            if (got != null) {
                drainIopub();
                return;
            }
        }
        throw new IllegalStateException("iopub never connected");
    }

    void drainIopub() {
        iopub.zmq().setReceiveTimeOut(200);
        while (iopub.receive() != null) {
            // discard
        }
        iopub.zmq().setReceiveTimeOut(20_000);
    }

    JupyterMessage send(JupyterSocket socket, String type, ObjectNode content) {
        JupyterMessage request = JupyterMessage.request(type, session, "test", content);
        socket.send(request);
        return request;
    }

    /** Sends raw frames, e.g. a message with a forged signature. */
    void sendFrames(JupyterSocket socket, List<byte[]> frames) {
        socket.sendFrames(frames);
    }

    List<byte[]> encode(JupyterMessage message) {
        return wire.encode(message);
    }

    /** The next message on {@code socket} that answers {@code request}; fails after the receive timeout. */
    JupyterMessage reply(JupyterSocket socket, JupyterMessage request) {
        while (true) {
            JupyterMessage m = next(socket, "no reply to " + request.type() + " within the timeout");
            if (m.isAbout(request.id())) {
                return m;
            }
        }
    }

    /** The next message on {@code socket}; a timeout, or a message that fails the signature check, fails the test. */
    private static JupyterMessage next(JupyterSocket socket, String failure) {
        JupyterMessage m = socket.receive();
        if (m == null) {
            throw new AssertionError(failure + " (or the kernel sent a message we cannot accept: see the log)");
        }
        return m;
    }

    /** Everything published for {@code request} up to and including its idle status. */
    List<JupyterMessage> outputs(JupyterMessage request) {
        List<JupyterMessage> out = new ArrayList<>();
        while (true) {
            JupyterMessage m = next(iopub, "no idle status for " + request.type() + "; got "
                    + out.stream().map(JupyterMessage::type).toList());
            if (!m.isAbout(request.id())) {
                continue;
            }
            out.add(m);
            if (m.type().equals("status") && m.content().path("execution_state").asText().equals("idle")) {
                return out;
            }
        }
    }

    /** Waits until the cell printed {@code text} to stdout: it is certainly running then. */
    void awaitPrinted(JupyterMessage cell, String text) {
        while (true) {
            JupyterMessage m = next(iopub, "the cell never printed " + text);
            if (m.type().equals("stream") && m.isAbout(cell.id())
                    && m.content().path("text").asText().contains(text)) {
                return;
            }
        }
    }

    /**
     * Waits until the kernel announced the cell's execute_input: it has taken the request off the shell channel then,
     * which a control message sent earlier could overtake.
     */
    void awaitStarted(JupyterMessage cell) {
        while (true) {
            JupyterMessage m = next(iopub, "the kernel never started " + cell.id());
            if (m.type().equals("execute_input") && m.isAbout(cell.id())) {
                return;
            }
        }
    }

    JupyterMessage nextStdin() {
        return next(stdin, "no input_request within the timeout");
    }

    /** Runs a cell and returns [reply, outputs...]. */
    Executed execute(String code) {
        JupyterMessage request = send(shell, "execute_request", JupyterMessage.object().put("code", code)
                .put("silent", false).put("store_history", true).put("allow_stdin", true).put("stop_on_error", true));
        JupyterMessage reply = reply(shell, request);
        return new Executed(reply, outputs(request));
    }

    record Executed(JupyterMessage reply, List<JupyterMessage> outputs) {
        String status() {
            return reply.content().path("status").asText();
        }

        List<JupyterMessage> ofType(String type) {
            return outputs.stream().filter(m -> m.type().equals(type)).toList();
        }

        String stdout() {
            StringBuilder s = new StringBuilder();
            ofType("stream").stream().filter(m -> m.content().path("name").asText().equals("stdout"))
                    .forEach(m -> s.append(m.content().path("text").asText()));
            return s.toString();
        }

        String result() {
            return ofType("execute_result").stream().map(m -> m.content().path("data").path("text/plain").asText())
                    .findFirst().orElse(null);
        }
    }

    @Override
    public void close() {
        shell.close();
        control.close();
        stdin.close();
        iopub.close();
        heartbeat.close();
        context.close();
        if (ownKernel != null) {
            ownKernel.close();
        }
    }
}
