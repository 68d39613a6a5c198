package vmlab.jupyter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * One message of the Jupyter protocol, for both sides: the routing identities that came before the delimiter, the four
 * JSON parts (header, parent_header, metadata, content) and any binary buffers after them.
 * <p>
 * The JSON parts are Jackson trees, so every field the other side sent survives and unknown message types need no class.
 * A kernel answers a request with {@link #child}; a client starts one with {@link #request}.
 */
public record JupyterMessage(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata,
                             ObjectNode content, List<byte[]> buffers) {

    /** The protocol version we speak; 5.3 adds control-channel interrupts and the status in every reply. */
    public static final String PROTOCOL_VERSION = "5.3";

    /** ISO 8601 with microseconds in UTC, as jupyter_client writes it: 2026-11-25T12:38:37.123456Z. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public JupyterMessage {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String type() {
        return text(header, "msg_type");
    }

    public String id() {
        return text(header, "msg_id");
    }

    /** The sender's session id. */
    public String session() {
        return text(header, "session");
    }

    /** The header's ISO 8601 timestamp, as the sender wrote it. */
    public String date() {
        return text(header, "date");
    }

    /** The id of the request this message answers or reports on; empty for messages that answer nothing. */
    public String parentId() {
        return text(parentHeader, "msg_id");
    }

    private static String text(ObjectNode part, String field) {
        return part.path(field).asText("");
    }

    /** True when this message answers or reports on the request with the given id. */
    public boolean isAbout(String requestId) {
        return requestId.equals(parentId());
    }

    /** A message with no parent: a client's request, or a kernel's "starting" status. */
    public static JupyterMessage request(String type, String session, String username, ObjectNode content) {
        return new JupyterMessage(List.of(), header(type, session, username), Json.object(), Json.object(), content, List.of());
    }

    /**
     * A message answering or caused by this one, from {@code session}: it goes back to the same routing identities and
     * carries this header as its parent.
     */
    public JupyterMessage reply(String type, String session, String username, ObjectNode replyContent) {
        return new JupyterMessage(identities, header(type, session, username), header.deepCopy(), Json.object(), replyContent,
                List.of());
    }

    /** A kernel's reply or output for this request, in the requester's session and name (what clients match on). */
    public JupyterMessage child(String type, ObjectNode childContent) {
        return reply(type, session(), header.path("username").asText("vmlab"), childContent);
    }

    private static ObjectNode header(String type, String session, String username) {
        return Json.object()
                .put("msg_id", UUID.randomUUID().toString())
                .put("session", session)
                .put("username", username)
                .put("date", timestamp(Instant.now()))
                .put("msg_type", type)
                .put("version", PROTOCOL_VERSION);
    }

    /** A timestamp in the protocol's format; the formatter keeps six digits of the fraction and drops the rest. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** An empty JSON object, to build a content with {@code put}. */
    public static ObjectNode object() {
        return Json.object();
    }

    @Override
    public String toString() {
        return type() + " " + content;
    }
}
