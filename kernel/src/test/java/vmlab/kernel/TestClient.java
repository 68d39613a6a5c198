package vmlab.kernel;

import vmlab.client.ConnectionInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A minimal Jupyter client on jeromq, for protocol tests: signs, sends, and collects replies and iopub messages. */
final class TestClient implements AutoCloseable {

    final ConnectionInfo connection;
    final String session = UUID.randomUUID().toString();
    private final ZMQ.Context context = ZMQ.context(1);
    private final WireFormat wire;
    final ZMQ.Socket shell;
    final ZMQ.Socket control;
    final ZMQ.Socket stdin;
    final ZMQ.Socket iopub;
    final ZMQ.Socket heartbeat;

    TestClient(ConnectionInfo connection) throws InterruptedException {
        this.connection = connection;
        this.wire = new WireFormat(new MessageSigner(connection));
        byte[] identity = session.getBytes(StandardCharsets.US_ASCII);
        shell = socket(SocketType.DEALER, connection.shellPort(), identity);
        control = socket(SocketType.DEALER, connection.controlPort(), null);
        stdin = socket(SocketType.DEALER, connection.stdinPort(), identity);
        iopub = socket(SocketType.SUB, connection.iopubPort(), null);
        iopub.subscribe(new byte[0]);
        heartbeat = socket(SocketType.REQ, connection.hbPort(), null);
        // A SUB socket misses what is published before its subscription reaches the publisher.
        awaitIopubConnected();
    }

    private ZMQ.Socket socket(SocketType type, int port, byte[] identity) {
        ZMQ.Socket s = context.socket(type);
        if (identity != null) {
            s.setIdentity(identity);
        }
        s.setLinger(0);
        s.setReceiveTimeOut(20_000);
        s.connect(connection.endpoint(port));
        return s;
    }

    private void awaitIopubConnected() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JupyterMessage request = send(shell, "kernel_info_request", JupyterMessage.object());
            reply(shell, request);
            iopub.setReceiveTimeOut(100);
            byte[] got = iopub.recv(0);
            if (got != null) {
                drainIopub();
                iopub.setReceiveTimeOut(20_000);
                return;
            }
        }
        throw new IllegalStateException("iopub never connected");
    }

    void drainIopub() {
        iopub.setReceiveTimeOut(200);
        while (iopub.recv(0) != null) {
            while (iopub.hasReceiveMore()) {
                iopub.recv(0);
            }
        }
        iopub.setReceiveTimeOut(20_000);
    }

    JupyterMessage send(ZMQ.Socket socket, String type, ObjectNode content) {
        JupyterMessage request = JupyterMessage.request(type, session, content);
        Sockets.send(socket, wire.encode(request));
        return request;
    }

    /** Sends raw frames, e.g. a message with a forged signature. */
    void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        Sockets.send(socket, frames);
    }

    List<byte[]> encode(JupyterMessage message) {
        return wire.encode(message);
    }

    /** The next message on {@code socket} that answers {@code request}; fails after the receive timeout. */
    JupyterMessage reply(ZMQ.Socket socket, JupyterMessage request) {
        while (true) {
            List<byte[]> frames = Sockets.receive(socket);
            if (frames == null) {
                throw new AssertionError("no reply to " + request.type() + " within the timeout");
            }
            JupyterMessage m = decode(frames);
            if (m.parentHeader().path("msg_id").asText().equals(request.id())) {
                return m;
            }
        }
    }

    /** Everything published for {@code request} up to and including its idle status. */
    List<JupyterMessage> outputs(JupyterMessage request) {
        List<JupyterMessage> out = new ArrayList<>();
        while (true) {
            List<byte[]> frames = Sockets.receive(iopub);
            if (frames == null) {
                throw new AssertionError("no idle status for " + request.type() + "; got " + out.stream().map(JupyterMessage::type).toList());
            }
            JupyterMessage m = decode(frames);
            if (!m.parentHeader().path("msg_id").asText().equals(request.id())) {
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
            List<byte[]> frames = Sockets.receive(iopub);
            if (frames == null) {
                throw new AssertionError("the cell never printed " + text);
            }
            JupyterMessage m = decode(frames);
            if (m.type().equals("stream") && m.parentHeader().path("msg_id").asText().equals(cell.id())
                    && m.content().path("text").asText().contains(text)) {
                return;
            }
        }
    }

    JupyterMessage nextStdin() {
        List<byte[]> frames = Sockets.receive(stdin);
        if (frames == null) {
            throw new AssertionError("no input_request within the timeout");
        }
        return decode(frames);
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

    private JupyterMessage decode(List<byte[]> frames) {
        try {
            return wire.decode(frames);
        } catch (WireFormat.RejectedMessage e) {
            throw new AssertionError("the kernel sent a message we cannot accept: " + e.getMessage());
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
    }
}
