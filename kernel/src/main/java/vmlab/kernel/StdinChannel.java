package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import vmlab.jupyter.ChannelThread;
import vmlab.jupyter.JupyterSocket;
import vmlab.jupyter.WireFormat;

import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks the front end for a line of input (input_request / input_reply) on behalf of a cell.
 * <p>
 * One thread owns the socket; a cell thread only waits on a future. So an interrupt, or a forced stop, of a cell
 * blocked in {@code scanner.nextLine()} ends the wait without touching the socket, and the channel stays usable.
 */
final class StdinChannel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StdinChannel.class.getName());

    private record Question(JupyterMessage parent, String prompt, boolean password, CompletableFuture<String> answer) {
    }

    private final JupyterSocket socket;
    private final BlockingQueue<Question> questions = new LinkedBlockingQueue<>();
    private final ChannelThread thread;

    StdinChannel(ZMQ.Context context, String endpoint, WireFormat wire) {
        this.socket = JupyterSocket.bind(context.socket(SocketType.ROUTER), endpoint, wire, "stdin");
        this.thread = new ChannelThread("vmlab-stdin", this::serve);
    }

    void start() {
        thread.start();
    }

    /** Blocks the calling cell until the user answers; the prompt is shown next to the input box. */
    String ask(JupyterMessage parent, String prompt, boolean password) throws InterruptedIOException {
        Question q = new Question(parent, prompt, password, new CompletableFuture<>());
        questions.add(q);
        try {
            return q.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("input interrupted");
        } catch (ExecutionException e) {
            throw new InterruptedIOException("no input: " + e.getCause().getMessage());
        } finally {
            q.answer().cancel(false);
        }
    }

    private void serve() {
        try {
            while (thread.running()) {
                Question q = questions.poll(JupyterSocket.STOP_CHECK_MS, TimeUnit.MILLISECONDS);
                if (q == null) {
                    discardStrayReplies();
                } else if (!q.answer().isDone()) {
                    askFrontEnd(q);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Question q : questions) {
                q.answer().completeExceptionally(new IllegalStateException("the kernel is shutting down"));
            }
            socket.close();
        }
    }

    private void askFrontEnd(Question q) {
        JupyterMessage request = q.parent().child("input_request",
                JupyterMessage.object().put("prompt", q.prompt()).put("password", q.password()));
        socket.send(request);
        while (thread.running() && !q.answer().isDone()) {
            JupyterMessage reply = socket.receive();
            if (reply != null && reply.type().equals("input_reply")) {
                q.answer().complete(reply.content().path("value").asText(""));
            }
        }
    }

    private void discardStrayReplies() {
        JupyterMessage stray;
        while ((stray = socket.receiveNow()) != null) {
            LOG.log(Level.DEBUG, "stdin: dropped a late " + stray.type());
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}
