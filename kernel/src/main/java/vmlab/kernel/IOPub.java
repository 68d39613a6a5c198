package vmlab.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The broadcast channel (streams, results, displays, status). Any thread may publish; one thread owns the socket.
 * <p>
 * Why a queue: a cell thread can be stopped at any instruction when the user interrupts. If it wrote to the socket itself,
 * a stop in the middle of a multipart send would corrupt the channel. Putting a message on a queue is safe to interrupt.
 */
final class IOPub implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(IOPub.class.getName());
    private static final JupyterMessage STOP = JupyterMessage.orphan("stop", "", JupyterMessage.object());

    private final ZMQ.Socket socket;
    private final WireFormat wire;
    private final BlockingQueue<JupyterMessage> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    IOPub(ZMQ.Context context, String endpoint, WireFormat wire) {
        this.socket = Sockets.bound(context, SocketType.PUB, endpoint);
        this.wire = wire;
        this.thread = new Thread(this::publishQueued, "vmlab-iopub");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void publish(JupyterMessage message) {
        queue.add(message);
    }

    private void publishQueued() {
        try {
            while (true) {
                JupyterMessage next = queue.poll(1, TimeUnit.SECONDS);
                if (next == STOP) {
                    return;
                }
                if (next != null) {
                    try {
                        Sockets.send(socket, wire.encode(next));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "iopub: could not publish " + next.type(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
        }
    }

    /** Publishes what is queued, then stops. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
