package vmlab.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One Jupyter message: the four JSON parts of the wire format (header, parent_header, metadata, content), plus the ZeroMQ routing
 * identities that came before the delimiter and any binary buffers after the content.
 */
public record Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata,
                      ObjectNode content, List<byte[]> buffers) {

    public Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String type() {
        return header.path("msg_type").asText("");
    }

    public String id() {
        return header.path("msg_id").asText("");
    }

    /** The id of the request this message answers or reports on; empty for messages that answer nothing. */
    public String parentId() {
        return parentHeader.path("msg_id").asText("");
    }

    /** True when this message answers or reports on the request with the given id. */
    public boolean isAbout(String requestId) {
        return requestId.equals(parentId());
    }

    /** The header's ISO 8601 timestamp, as the kernel wrote it. */
    public String date() {
        return header.path("date").asText("");
    }

    @Override
    public String toString() {
        return type() + " " + content;
    }
}
