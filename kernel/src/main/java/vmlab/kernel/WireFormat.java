package vmlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a multipart ZeroMQ message into a {@link JupyterMessage} and back:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 */
final class WireFormat {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final MessageSigner signer;

    WireFormat(MessageSigner signer) {
        this.signer = signer;
    }

    /** A message that cannot be accepted: bad signature, missing frames or malformed JSON. The caller logs it and moves on. */
    static final class RejectedMessage extends Exception {
        RejectedMessage(String why) {
            super(why);
        }
    }

    JupyterMessage decode(List<byte[]> frames) throws RejectedMessage {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new RejectedMessage("malformed message: " + frames.size() + " frames, delimiter at " + delimiter);
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new RejectedMessage("invalid HMAC signature");
        }
        return new JupyterMessage(List.copyOf(frames.subList(0, delimiter)), object(header, "header"), object(parent, "parent_header"),
                object(metadata, "metadata"), object(content, "content"), List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    private static ObjectNode object(byte[] json, String part) throws RejectedMessage {
        try {
            JsonNode node = Json.parse(json);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JupyterMessage.object();
            }
            if (!node.isObject()) {
                throw new RejectedMessage(part + " is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new RejectedMessage(part + " is not valid JSON: " + e.getMessage());
        }
    }

    List<byte[]> encode(JupyterMessage message) {
        byte[] header = bytes(message.header());
        byte[] parent = bytes(message.parentHeader());
        byte[] metadata = bytes(message.metadata());
        byte[] content = bytes(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    private static byte[] bytes(ObjectNode node) {
        return Json.bytes(node);
    }
}
