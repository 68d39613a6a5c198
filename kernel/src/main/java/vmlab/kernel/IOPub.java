package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import vmlab.jupyter.ChannelThread;
import vmlab.jupyter.JupyterSocket;
import vmlab.jupyter.WireFormat;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The broadcast channel (streams, results, displays, status). Any thread may publish.
 * <p>
 * Why a queue: a cell thread can be stopped at any instruction when the user interrupts. If it wrote to the socket itself,
 * a stop in the middle of a multipart send would corrupt the channel. Putting a message on a queue is safe to interrupt.
 * A publisher thread drains the queue; a request thread ending a request drains it itself and sends its idle status
 * right behind ({@link #publishNow}), because clients that hold the reply expect idle at once, and on a busy machine a
 * hand-over to another thread can take longer than they wait. Draining happens under one lock, so order is kept.
 */
final class IOPub implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(IOPub.class.getName());
    private static final Object STOP = new Object();

    private final JupyterSocket socket;
    /** Messages to send, and latches to open once everything before them is sent. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore wakeUps = new Semaphore(0);
    private final Object socketLock = new Object();
    private boolean closed;
    private final ChannelThread thread;

    IOPub(ZMQ.Context context, String endpoint, WireFormat wire) {
        this.socket = JupyterSocket.bind(context.socket(SocketType.PUB), endpoint, wire, "iopub");
        this.thread = new ChannelThread("vmlab-iopub", this::publishQueued);
    }

    void start() {
        thread.start();
    }

    void publish(JupyterMessage message) {
        queue.add(message);
        wakeUps.release();
    }

    /** Sends what is queued, then {@code message}, from the calling thread. */
    void publishNow(JupyterMessage message) {
        synchronized (socketLock) {
            drain();
            send(message);
        }
    }

    /** Waits until everything published so far is on the wire (the shell calls it before an execute reply). */
    void awaitSent() {
        synchronized (socketLock) {
            drain();
        }
    }

    /** Sends everything queued, in order; returns false once the stop marker is reached. Call with the lock held. */
    private boolean drain() {
        Object next;
        while ((next = queue.poll()) != null) {
            if (next == STOP) {
                return false;
            }
            if (next instanceof CountDownLatch sent) {
                sent.countDown();
            } else if (next instanceof JupyterMessage message) {
                send(message);
            }
        }
        return true;
    }

    private void send(JupyterMessage message) {
        if (closed) {
            return;
        }
        try {
            socket.send(message);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "iopub: could not publish " + message.type(), e);
        }
    }

    private void publishQueued() {
        try {
            boolean running = true;
            while (running) {
                wakeUps.tryAcquire(1, TimeUnit.SECONDS);
                wakeUps.drainPermits();
                synchronized (socketLock) {
                    running = drain();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (socketLock) {
                closed = true;
                socket.close();
            }
        }
    }

    /** Publishes what is queued, then stops: the loop ends at the stop marker, after everything before it. */
    @Override
    public void close() {
        queue.add(STOP);
        wakeUps.release();
        thread.stop();
    }
}
