package vmlab.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
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
    private static final Object STOP = new Object();

    private final ZMQ.Socket socket;
    private final WireFormat wire;
    /** Messages to send, and latches to open once everything before them is sent. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
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

    /**
     * Waits until everything published so far is on the wire. The shell calls this before an execute reply: clients
     * read the reply and then expect the cell's outputs to be there already (ipykernel sends them first, in order).
     */
    void awaitSent() {
        CountDownLatch sent = new CountDownLatch(1);
        queue.add(sent);
        try {
            sent.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishQueued() {
        try {
            while (true) {
                Object next = queue.poll(1, TimeUnit.SECONDS);
                if (next == STOP) {
                    return;
                }
                if (next instanceof CountDownLatch sent) {
                    sent.countDown();
                } else if (next instanceof JupyterMessage message) {
                    try {
                        Sockets.send(socket, wire.encode(message));
                    } catch (RuntimeException | OutOfMemoryError e) {
                        LOG.log(Level.WARNING, "iopub: could not publish " + message.type(), e);
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
