package vmlab.kernel;

import vmlab.jupyter.Json;
import vmlab.jupyter.JupyterMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.display.DisplayChannel;
import vmlab.display.MimeBundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything one execute_request produces besides its reply: stream text, displays, clear_output, pager payloads,
 * and the stdin it may read. All messages carry the request as parent, so the front end puts them under the right cell.
 * <p>
 * Stream text is buffered and published at most every {@value #FLUSH_MS} ms, so a loop printing thousands of lines sends
 * a few messages, not thousands; it is always published before a display, a result or an error, to keep the order.
 */
final class CellOutput implements DisplayChannel {

    static final long FLUSH_MS = 20;

    private final JupyterMessage request;
    private final IOPub iopub;
    private final StdinChannel stdinChannel;
    private final ScheduledExecutorService flusher;
    private final Stream out = new Stream("stdout");
    private final Stream err = new Stream("stderr");
    private final ArrayNode payload = Json.array();
    private final InputStream stdin = new LineInput();

    CellOutput(JupyterMessage request, IOPub iopub, StdinChannel stdinChannel, ScheduledExecutorService flusher) {
        this.request = request;
        this.iopub = iopub;
        this.stdinChannel = request.content().path("allow_stdin").asBoolean(true) ? stdinChannel : null;
        this.flusher = flusher;
    }

    void write(boolean error, byte[] b, int off, int len) {
        (error ? err : out).append(b, off, len);
    }

    /** Publishes buffered stream text now. */
    void flush() {
        out.publish();
        err.publish();
    }

    InputStream stdin() {
        return stdin;
    }

    ArrayNode payload() {
        return payload;
    }

    void publish(String type, ObjectNode content) {
        iopub.publish(request.child(type, content));
    }

    @Override
    public void show(MimeBundle bundle, String displayId) {
        flush();
        ObjectNode content = bundleContent(bundle);
        content.putObject("transient").put("display_id", displayId);
        publish("display_data", content);
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        flush();
        ObjectNode content = bundleContent(bundle);
        content.putObject("transient").put("display_id", displayId);
        publish("update_display_data", content);
    }

    @Override
    public void clear(boolean wait) {
        flush();
        publish("clear_output", JupyterMessage.object().put("wait", wait));
    }

    @Override
    public synchronized void page(MimeBundle bundle) {
        ObjectNode page = payload.addObject().put("source", "page").put("start", 0);
        page.set("data", bundleContent(bundle).get("data"));
    }

    @Override
    public String readLine(String prompt, boolean password) throws IOException {
        if (stdinChannel == null) {
            throw new java.io.EOFException("this front end does not accept input (allow_stdin is false)");
        }
        flush();
        return stdinChannel.ask(request, prompt, password);
    }

    /** {@code {"data": {...}, "metadata": {...}}} as display_data and execute_result carry them. */
    static ObjectNode bundleContent(MimeBundle bundle) {
        ObjectNode content = JupyterMessage.object();
        ObjectNode data = content.putObject("data");
        bundle.data().forEach(data::put);
        ObjectNode metadata = content.putObject("metadata");
        for (Map.Entry<String, Map<String, Object>> e : bundle.metadata().entrySet()) {
            metadata.set(e.getKey(), Json.of(e.getValue()));
        }
        return content;
    }

    /** One of the two output streams: bytes in, UTF-8 text out, never splitting a character between messages. */
    private final class Stream {
        private final String name;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean scheduled;

        Stream(String name) {
            this.name = name;
        }

        synchronized void append(byte[] b, int off, int len) {
            pending.write(b, off, len);
            if (!scheduled) {
                scheduled = true;
                flusher.schedule(this::publish, FLUSH_MS, TimeUnit.MILLISECONDS);
            }
        }

        void publish() {
            String text;
            synchronized (this) {
                scheduled = false;
                byte[] bytes = pending.toByteArray();
                int complete = completeUtf8Length(bytes);
                if (complete == 0) {
                    return;
                }
                text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
                pending.reset();
                pending.write(bytes, complete, bytes.length - complete);
            }
            CellOutput.this.publish("stream", JupyterMessage.object().put("name", name).put("text", text));
        }
    }

    /** The length of the longest prefix that ends on a whole UTF-8 character. */
    static int completeUtf8Length(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }

    /** System.in for a cell: each line comes from an input_request to the front end. */
    private final class LineInput extends InputStream {
        private byte[] line = new byte[0];
        private int next;

        @Override
        public synchronized int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return line[next++] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, line.length - next);
            System.arraycopy(line, next, b, off, n);
            next += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return line.length - next;
        }

        private boolean fill() throws IOException {
            if (next < line.length) {
                return true;
            }
            if (stdinChannel == null) {
                return false; // the front end does not accept input (allow_stdin false): end of input
            }
            flush(); // show the prompt the cell printed before asking
            String answer = stdinChannel.ask(request, "", false);
            line = (answer + "\n").getBytes(StandardCharsets.UTF_8);
            next = 0;
            return true;
        }
    }
}
