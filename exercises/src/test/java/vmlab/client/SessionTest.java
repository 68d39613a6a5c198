package vmlab.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SessionTest {

    @Test
    void timestampsAreIso8601WithMicroseconds() {
        assertEquals("2026-11-25T12:38:37.123456Z", Session.timestamp(Instant.parse("2026-11-25T12:38:37.123456789Z")));
        String now = new Session("k").message("kernel_info_request", JsonNodeFactory.instance.objectNode(), null).date();
        assertTrue(now.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), now);
    }

    @Test
    void aSignedMessageSurvivesTheWireAndKeepsItsParent() {
        Session session = new Session("secret");
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("code", "1+1");
        Message request = session.message("execute_request", content, null);
        Message reply = session.message("execute_reply", JsonNodeFactory.instance.objectNode(), request);
        Message back = session.parse(session.frames(reply));
        assertEquals("execute_reply", back.type());
        assertTrue(back.isAbout(request.id()));
        assertEquals("5.3", back.header().path("version").asText());
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRefused() {
        Message forged = new Session("not the key").message("execute_request", JsonNodeFactory.instance.objectNode(), null);
        List<byte[]> frames = new Session("not the key").frames(forged);
        Session.InvalidMessageException refused = assertThrows(Session.InvalidMessageException.class,
                () -> new Session("the key").parse(frames));
        assertTrue(refused.getMessage().contains("HMAC"));
    }

    @Test
    void aTamperedContentFrameIsRefused() {
        Session session = new Session("key");
        List<byte[]> frames = new ArrayList<>(session.frames(
                session.message("execute_request", JsonNodeFactory.instance.objectNode().put("code", "1"), null)));
        frames.set(frames.size() - 1, "{\"code\": \"rm -rf /\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(Session.InvalidMessageException.class, () -> session.parse(frames));
    }

    @Test
    void framesWithoutTheDelimiterAreRefused() {
        assertThrows(Session.InvalidMessageException.class,
                () -> new Session("").parse(List.of("{}".getBytes(StandardCharsets.UTF_8))));
    }
}
