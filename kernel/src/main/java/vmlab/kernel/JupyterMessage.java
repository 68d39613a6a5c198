package vmlab.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * One message of the Jupyter protocol: routing identities, the four JSON parts and optional binary buffers.
 * JSON parts are Jackson trees so that every field a client sends survives, and unknown message types need no class.
 */
public record JupyterMessage(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata,
                             ObjectNode content, List<byte[]> buffers) {

    /** The protocol version we speak; 5.3 adds control-channel interrupts and the status in every reply. */
    public static final String PROTOCOL_VERSION = "5.3";

    /** ISO 8601 with microseconds and an explicit UTC offset, as the protocol asks (the base wrote minutes only). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public String type() {
        return header.path("msg_type").asText("");
    }

    public String id() {
        return header.path("msg_id").asText("");
    }

    public String session() {
        return header.path("session").asText("");
    }

    /** A message of {@code type} answering or caused by this one: same identities, this header as parent. */
    public JupyterMessage child(String type, ObjectNode childContent) {
        return new JupyterMessage(identities, newHeader(type, session(), header.path("username").asText("vmlab")),
                header.deepCopy(), Json.object(), childContent, List.of());
    }

    /** A message with no parent, e.g. the "starting" status. */
    public static JupyterMessage orphan(String type, String session, ObjectNode content) {
        return new JupyterMessage(List.of(), newHeader(type, session, "vmlab"), Json.object(),
                Json.object(), content, List.of());
    }

    /** A request as a client builds it; used by tests and by the in-process runner's client. */
    public static JupyterMessage request(String type, String session, ObjectNode content) {
        return orphan(type, session, content);
    }

    static ObjectNode newHeader(String type, String session, String username) {
        return Json.object()
                .put("msg_id", UUID.randomUUID().toString())
                .put("session", session)
                .put("username", username)
                .put("date", timestamp(Instant.now()))
                .put("msg_type", type)
                .put("version", PROTOCOL_VERSION);
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public static ObjectNode object() {
        return Json.object();
    }
}
