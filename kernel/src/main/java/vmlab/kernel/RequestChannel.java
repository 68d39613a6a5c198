package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import vmlab.jupyter.ChannelThread;
import vmlab.jupyter.JupyterSocket;
import vmlab.jupyter.WireFormat;

import java.lang.System.Logger.Level;

/**
 * The shell or the control channel: a ROUTER socket served by one thread that reads a request, handles it and replies.
 * <p>
 * Two defects of the base are fixed here. Its loop polled without waiting and then slept 50 ms, so every request paid up to
 * 50 ms; we block in {@code recv} and wake on the message. And a message with a bad signature threw out of its loop and
 * killed the shell thread for good; we log it and keep serving.
 */
final class RequestChannel implements AutoCloseable {

    /** What the kernel does with one request; runs on this channel's thread. */
    interface Handler {
        void handle(JupyterMessage request, RequestChannel channel);
    }

    private static final System.Logger LOG = System.getLogger(RequestChannel.class.getName());

    private final String name;
    private final JupyterSocket socket;
    private final Handler handler;
    private final ChannelThread thread;

    RequestChannel(String name, ZMQ.Context context, String endpoint, WireFormat wire, Handler handler) {
        this.name = name;
        this.socket = JupyterSocket.bind(context.socket(SocketType.ROUTER), endpoint, wire, name);
        this.handler = handler;
        this.thread = new ChannelThread("vmlab-" + name, this::serve);
    }

    void start() {
        thread.start();
    }

    private void serve() {
        try {
            while (thread.running()) {
                JupyterMessage request = socket.receive();
                if (request != null) {
                    try {
                        handler.handle(request, this);
                    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
                        LOG.log(Level.WARNING, name + ": handling " + request.type() + " failed; the channel keeps serving", e);
                    }
                }
            }
        } finally {
            socket.close();
        }
    }

    /**
     * A request that arrived and waits right now, without blocking: used to abort queued cells after an error.
     * Only call from this channel's own thread.
     */
    JupyterMessage pollWaiting() {
        return socket.receiveNow();
    }

    /** Sends a reply; only call from this channel's own thread (the handler). */
    void reply(JupyterMessage message) {
        socket.send(message);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        thread.stop();
    }
}
