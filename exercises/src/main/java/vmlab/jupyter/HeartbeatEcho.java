package vmlab.jupyter;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's side of the heartbeat: echoes every ping at once, from a thread of its own, so a client sees the kernel
 * alive while a cell computes. The thread blocks in {@code recv} and answers when the ping arrives (jjava's base slept
 * 500 ms between polls, so under load a client took the kernel for dead). {@link HeartbeatMonitor} is the other side.
 */
public final class HeartbeatEcho implements AutoCloseable {

    private final ZMQ.Socket socket;
    private final ChannelThread thread;

    public HeartbeatEcho(ZMQ.Context context, String endpoint) {
        this.socket = JupyterSocket.bound(context.socket(SocketType.REP), endpoint);
        this.thread = new ChannelThread("vmlab-heartbeat", this::echo);
    }

    public void start() {
        thread.start();
    }

    private void echo() {
        try {
            while (thread.running()) {
                try {
                    byte[] ping = socket.recv(0);
                    if (ping != null) {
                        socket.send(ping, 0);
                    }
                } catch (ZMQException e) {
                    if (!thread.running()) {
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
        thread.stop();
    }
}
