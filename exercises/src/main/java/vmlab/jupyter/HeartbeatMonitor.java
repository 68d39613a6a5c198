package vmlab.jupyter;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client's side of the heartbeat: pings the kernel's heartbeat channel once a second on a thread of its own, and remembers
 * when it last answered. A kernel echoes pings from a thread that keeps running while a cell computes ({@link HeartbeatEcho}),
 * so silence means the kernel is gone or frozen, not busy.
 */
public final class HeartbeatMonitor implements AutoCloseable {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    /** A context of its own: this thread's sockets never share bookkeeping with the client's. */
    private final ZContext context = new ZContext(1);
    private final String endpoint;
    private final ChannelThread thread;
    private volatile long lastBeatNanos = System.nanoTime();

    public HeartbeatMonitor(String endpoint) {
        this.endpoint = endpoint;
        this.thread = new ChannelThread("vmlab-client-heartbeat", this::beat);
        thread.start();
    }

    /** Counts from now: a kernel that just answered a request is alive even if no ping went through yet. */
    public void alive() {
        lastBeatNanos = System.nanoTime();
    }

    /** How long since the kernel last answered a ping. */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastBeatNanos);
    }

    private void beat() {
        ZMQ.Socket socket = open();
        ZMQ.Poller poller = watch(socket);
        try {
            while (thread.running()) {
                long sent = System.nanoTime();
                socket.send(PING, 0);
                boolean answered = false;
                // Wait in short slices so close() never waits long for this thread.
                while (thread.running() && !answered && System.nanoTime() - sent < PERIOD.toNanos()) {
                    if (poller.poll(100) > 0 && poller.pollin(0)) {
                        socket.recv(0);
                        lastBeatNanos = System.nanoTime();
                        answered = true;
                    }
                }
                if (!answered) {
                    // A REQ socket that missed its reply cannot send again: start over with a fresh one.
                    poller.close();
                    context.destroySocket(socket);
                    socket = open();
                    poller = watch(socket);
                    continue;
                }
                long next = sent + PERIOD.toNanos();
                while (thread.running() && System.nanoTime() < next) {
                    sleep(50);
                }
            }
        } finally {
            poller.close();
            context.close();
        }
    }

    private ZMQ.Socket open() {
        ZMQ.Socket socket = context.createSocket(SocketType.REQ);
        socket.setLinger(0);
        socket.connect(endpoint);
        return socket;
    }

    private ZMQ.Poller watch(ZMQ.Socket socket) {
        ZMQ.Poller poller = context.createPoller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        return poller;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}
