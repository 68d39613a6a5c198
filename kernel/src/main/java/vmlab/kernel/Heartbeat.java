package vmlab.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Echoes every heartbeat ping at once. The base slept 500 ms between polls, so a client saw the kernel as slow or dead
 * under load; here the thread blocks in {@code recv} and answers when the ping arrives.
 */
final class Heartbeat implements AutoCloseable {

    private final ZMQ.Socket socket;
    private final Thread thread;
    private volatile boolean running = true;

    Heartbeat(ZMQ.Context context, String endpoint) {
        this.socket = Sockets.bound(context, SocketType.REP, endpoint);
        this.thread = new Thread(this::echo, "vmlab-heartbeat");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void echo() {
        try {
            while (running) {
                try {
                    byte[] ping = socket.recv(0);
                    if (ping != null) {
                        socket.send(ping, 0);
                    }
                } catch (org.zeromq.ZMQException e) {
                    if (!running) {
                        return;
                    }
                }
            }
        } finally {
            socket.close();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
