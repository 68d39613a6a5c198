package vmlab.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link JupyterMessage} into the frames of one multipart ZeroMQ message and back:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 * The kernel and the client use the same instance type, built from the connection's key.
 */
public final class WireFormat {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final MessageSigner signer;

    /** Frames signed with {@code key} (HMAC-SHA256); an empty key means unsigned, as in a connection file without one. */
    public WireFormat(String key) {
        this.signer = new MessageSigner(key);
    }

    public WireFormat(ConnectionInfo connection) {
        this(connection.key());
    }

    /**
     * A message that cannot be accepted: a bad signature, missing frames or malformed JSON. It is never half-read; the
     * receiver logs it and goes on listening.
     */
    public static final class RejectedMessage extends Exception {
        RejectedMessage(String why) {
            super(why);
        }
    }

    public List<byte[]> encode(JupyterMessage message) {
        byte[] header = Json.bytes(message.header());
        byte[] parent = Json.bytes(message.parentHeader());
        byte[] metadata = Json.bytes(message.metadata());
        byte[] content = Json.bytes(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    public JupyterMessage decode(List<byte[]> frames) throws RejectedMessage {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new RejectedMessage("a message needs '<IDS|MSG>', a signature and four JSON frames; got " + frames.size()
                    + " frames" + (delimiter < 0 ? " and no delimiter" : ""));
        }
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(frames.get(delimiter + 1), header, parent, metadata, content)) {
            throw new RejectedMessage("bad HMAC signature: the message was not signed with this connection's key");
        }
        return new JupyterMessage(frames.subList(0, delimiter), object(header, "header"), object(parent, "parent_header"),
                object(metadata, "metadata"), object(content, "content"), frames.subList(delimiter + 6, frames.size()));
    }

    /** A JSON frame as an object; an empty frame or {@code null} counts as {@code {}}, as jupyter_client sends for no parent. */
    private static ObjectNode object(byte[] json, String part) throws RejectedMessage {
        try {
            JsonNode node = Json.parse(json);
            if (node.isMissingNode() || node.isNull()) {
                return Json.object();
            }
            if (!node.isObject()) {
                throw new RejectedMessage("the " + part + " frame is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new RejectedMessage("the " + part + " frame is not valid JSON: " + e.getMessage());
        }
    }
}
