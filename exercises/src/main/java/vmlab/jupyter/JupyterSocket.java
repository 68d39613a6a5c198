package vmlab.jupyter;

import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * One ZeroMQ socket of a Jupyter connection (shell, iopub, stdin or control) that carries signed messages: the kernel's
 * channels and the client's speak through it, so both sides frame, sign and check the same way.
 * <p>
 * A message that fails {@link WireFormat#decode} (wrong key, broken frames) is logged and dropped, never half-read: a
 * stranger on the port must not stop the channel. The socket itself belongs to one thread at a time, as ZeroMQ requires.
 */
public final class JupyterSocket implements AutoCloseable {

    /** How long a blocking receive waits before the loop checks whether it should stop; not a latency: a message wakes it. */
    public static final int STOP_CHECK_MS = 100;

    private static final System.Logger LOG = System.getLogger(JupyterSocket.class.getName());

    private final ZMQ.Socket socket;
    private final WireFormat wire;
    private final String name;

    private JupyterSocket(ZMQ.Socket socket, WireFormat wire, String name) {
        this.socket = socket;
        this.wire = wire;
        this.name = name;
    }

    /** The kernel's side: binds {@code socket} where the connection file says; a receive waits {@link #STOP_CHECK_MS}. */
    public static JupyterSocket bind(ZMQ.Socket socket, String endpoint, WireFormat wire, String name) {
        return new JupyterSocket(bound(socket, endpoint), wire, name);
    }

    /**
     * A client's side: connects {@code socket} to the kernel's endpoint. {@code identity} (or null) is the routing identity
     * the kernel's ROUTER sees; Jupyter clients use their session id on shell and stdin, so input requests find them.
     */
    public static JupyterSocket connect(ZMQ.Socket socket, String endpoint, byte[] identity, WireFormat wire, String name) {
        socket.setLinger(0);
        if (identity != null) {
            socket.setIdentity(identity);
        }
        socket.connect(endpoint);
        return new JupyterSocket(socket, wire, name);
    }

    /** Binds a raw socket for a kernel: a short linger, so a closing kernel does not hang on a client that went away. */
    static ZMQ.Socket bound(ZMQ.Socket socket, String endpoint) {
        socket.setLinger(500);
        socket.setReceiveTimeOut(STOP_CHECK_MS);
        if (!socket.bind(endpoint)) {
            socket.close();
            throw new IllegalStateException("Cannot bind " + socket.getSocketType() + " socket to " + endpoint);
        }
        return socket;
    }

    public void send(JupyterMessage message) {
        sendFrames(wire.encode(message));
    }

    /** Sends frames as they are; tests use it to send a forged or broken message. */
    public void sendFrames(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /**
     * The next message, waiting at most the socket's receive timeout; null after the timeout, or when what arrived was
     * rejected (and logged).
     */
    public JupyterMessage receive() {
        List<byte[]> frames;
        try {
            frames = rest(socket.recv(0));
        } catch (ZMQException e) {
            LOG.log(Level.DEBUG, name + ": receive ended: " + e.getMessage());
            return null;
        }
        return frames == null ? null : accepted(frames);
    }

    /** The next message already waiting, without blocking; null when none is. Rejected ones are logged and skipped. */
    public JupyterMessage receiveNow() {
        List<byte[]> frames;
        while ((frames = rest(socket.recv(ZMQ.DONTWAIT))) != null) {
            JupyterMessage message = accepted(frames);
            if (message != null) {
                return message;
            }
        }
        return null;
    }

    /** Every message waiting now, without blocking. */
    public List<JupyterMessage> drain() {
        List<JupyterMessage> messages = new ArrayList<>();
        JupyterMessage next;
        while ((next = receiveNow()) != null) {
            messages.add(next);
        }
        return messages;
    }

    /** The frames of one message, given its first frame (null stays null). */
    private List<byte[]> rest(byte[] first) {
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private JupyterMessage accepted(List<byte[]> frames) {
        try {
            return wire.decode(frames);
        } catch (WireFormat.RejectedMessage e) {
            LOG.log(Level.WARNING, name + ": ignored a message: " + e.getMessage());
            return null;
        }
    }

    /** The ZeroMQ socket, to register with a poller, subscribe, or set a timeout. */
    public ZMQ.Socket zmq() {
        return socket;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
