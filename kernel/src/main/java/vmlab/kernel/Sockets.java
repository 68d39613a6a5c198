package vmlab.kernel;

import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;

/** The two socket operations every channel needs: receive all parts of one message, send all parts of one message. */
final class Sockets {

    /** How long a blocking receive waits before the loop checks whether it should stop; not a latency: a message wakes it. */
    static final int STOP_CHECK_MS = 100;

    private Sockets() {
    }

    /** All frames of the next message, or null if none arrived within the socket's receive timeout. */
    static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(0);
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

    static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    static ZMQ.Socket bound(ZMQ.Context context, org.zeromq.SocketType type, String endpoint) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(500);
        socket.setReceiveTimeOut(STOP_CHECK_MS);
        if (!socket.bind(endpoint)) {
            socket.close();
            throw new IllegalStateException("Cannot bind " + type + " socket to " + endpoint);
        }
        return socket;
    }
}
