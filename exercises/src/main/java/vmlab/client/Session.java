package vmlab.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One client session of the Jupyter messaging protocol (version 5.3): it makes message headers, and turns messages into signed
 * ZeroMQ frames and back. The wire format is
 * {@code [identities..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]}, where the HMAC-SHA256 covers the
 * four JSON frames, so that only holders of the connection file's key can make the kernel run code.
 */
public final class Session {

    public static final String PROTOCOL_VERSION = "5.3";
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ISO 8601 with microseconds in UTC, as jupyter_client writes it: 2026-11-25T12:38:37.123456Z. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String id = UUID.randomUUID().toString();
    private final String username;
    private final byte[] key;

    public Session(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.username = System.getProperty("user.name", "vmlab");
    }

    /** The session id; it is also our ZeroMQ routing identity on shell and stdin, so stdin requests reach us. */
    public String id() {
        return id;
    }

    /** A new message of the given type; {@code parent} is the message it answers, or null. */
    public Message message(String type, ObjectNode content, Message parent) {
        ObjectNode header = JSON.createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", id);
        header.put("username", username);
        header.put("date", timestamp(Instant.now()));
        header.put("msg_type", type);
        header.put("version", PROTOCOL_VERSION);
        ObjectNode parentHeader = parent == null ? JSON.createObjectNode() : parent.header().deepCopy();
        return new Message(parent == null ? List.of() : parent.identities(), header, parentHeader, JSON.createObjectNode(),
                content, List.of());
    }

    /** A timestamp in the protocol's format, with microseconds. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The frames to send for a message. */
    public List<byte[]> frames(Message message) {
        List<byte[]> frames = new ArrayList<>(message.identities());
        byte[][] parts = {json(message.header()), json(message.parentHeader()), json(message.metadata()), json(message.content())};
        frames.add(DELIMITER);
        frames.add(signature(parts));
        frames.addAll(Arrays.asList(parts));
        frames.addAll(message.buffers());
        return frames;
    }

    /**
     * Parses received frames. A message with a wrong signature or a broken structure is refused with
     * {@link InvalidMessageException}, never half-read: the caller drops it and goes on listening.
     */
    public Message parse(List<byte[]> frames) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new InvalidMessageException("a message needs '<IDS|MSG>', a signature and four JSON frames; got "
                    + frames.size() + " frames");
        }
        byte[][] parts = new byte[4][];
        for (int i = 0; i < 4; i++) {
            parts[i] = frames.get(delimiter + 2 + i);
        }
        if (key.length > 0 && !MessageDigest.isEqual(signature(parts), frames.get(delimiter + 1))) {
            throw new InvalidMessageException("bad HMAC signature: the message was not signed with this connection's key");
        }
        return new Message(frames.subList(0, delimiter), object(parts[0], "header"), object(parts[1], "parent_header"),
                object(parts[2], "metadata"), object(parts[3], "content"), frames.subList(delimiter + 6, frames.size()));
    }

    private byte[] signature(byte[][] parts) {
        if (key.length == 0) {
            return new byte[0];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides HmacSHA256", e);
        }
    }

    private static byte[] json(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode object(byte[] frame, String part) {
        try {
            JsonNode node = JSON.readTree(frame);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new InvalidMessageException("the " + part + " frame is not a JSON object");
        } catch (IOException e) {
            throw new InvalidMessageException("the " + part + " frame is not valid JSON: " + e.getMessage());
        }
    }

    /** A received message that does not follow the wire format or is not signed with our key. */
    public static final class InvalidMessageException extends RuntimeException {
        InvalidMessageException(String what) {
            super(what);
        }
    }
}
