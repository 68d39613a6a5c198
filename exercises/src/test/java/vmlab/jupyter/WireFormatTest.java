package vmlab.jupyter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Framing and signing, the part of the protocol both the kernel and the client rely on. */
class WireFormatTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theSignatureIsHmacSha256InLowercaseHexOverTheFramesInOrder() {
        // RFC 4231, test case 2 (key "Jefe"), with its data split over frames: the HMAC runs over their concatenation.
        byte[] signature = new MessageSigner("Jefe").sign(ascii("what do ya "), ascii("want "), ascii(""), ascii("for nothing?"));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                new String(signature, StandardCharsets.US_ASCII));
    }

    @Test
    void withoutAKeyNothingIsSignedAndNothingChecked() {
        MessageSigner none = new MessageSigner("");
        assertFalse(none.signs());
        assertEquals(0, none.sign(ascii("{}")).length);
        assertTrue(none.verify(ascii("anything"), ascii("{}")));
    }

    @Test
    void timestampsAreIso8601WithMicroseconds() {
        assertEquals("2026-11-25T12:38:37.123456Z", JupyterMessage.timestamp(Instant.parse("2026-11-25T12:38:37.123456789Z")));
        String now = JupyterMessage.request("kernel_info_request", "s", "u", Json.object()).date();
        assertTrue(now.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), now);
    }

    @Test
    void aSignedMessageSurvivesTheWireAndKeepsItsParentAndIdentities() throws Exception {
        WireFormat wire = new WireFormat("secret");
        ObjectNode content = Json.object().put("code", "1+1");
        JupyterMessage request = new JupyterMessage(List.of(ascii("client-7")),
                JupyterMessage.request("execute_request", "client", "ada", content).header(), Json.object(), Json.object(),
                content, List.of());
        JupyterMessage reply = wire.decode(wire.encode(request)).child("execute_reply", Json.object().put("status", "ok"));
        JupyterMessage back = wire.decode(wire.encode(reply));
        assertEquals("execute_reply", back.type());
        assertTrue(back.isAbout(request.id()));
        assertEquals("client", back.session(), "a kernel answers in the requester's session");
        assertEquals("5.3", back.header().path("version").asText());
        assertArrayEquals(ascii("client-7"), back.identities().get(0), "the reply is routed back to the requester");
    }

    @Test
    void binaryBuffersAfterTheContentArriveUnchanged() throws Exception {
        WireFormat wire = new WireFormat("k");
        byte[] buffer = {0, 1, 2, (byte) 0xff};
        JupyterMessage message = new JupyterMessage(List.of(), JupyterMessage.request("comm_msg", "s", "u", Json.object()).header(),
                Json.object(), Json.object(), Json.object(), List.of(buffer));
        assertArrayEquals(buffer, wire.decode(wire.encode(message)).buffers().get(0));
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRefused() {
        JupyterMessage forged = JupyterMessage.request("execute_request", "s", "u", Json.object());
        List<byte[]> frames = new WireFormat("not the key").encode(forged);
        WireFormat.RejectedMessage refused = assertThrows(WireFormat.RejectedMessage.class,
                () -> new WireFormat("the key").decode(frames));
        assertTrue(refused.getMessage().contains("HMAC"), refused.getMessage());
    }

    @Test
    void anUnsignedMessageIsRefusedWhenTheConnectionHasAKey() {
        List<byte[]> frames = new WireFormat("").encode(JupyterMessage.request("execute_request", "s", "u", Json.object()));
        assertThrows(WireFormat.RejectedMessage.class, () -> new WireFormat("the key").decode(frames));
    }

    @Test
    void aTamperedContentFrameIsRefused() {
        WireFormat wire = new WireFormat("key");
        List<byte[]> frames = new ArrayList<>(wire.encode(
                JupyterMessage.request("execute_request", "s", "u", Json.object().put("code", "1"))));
        frames.set(frames.size() - 1, "{\"code\": \"rm -rf /\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(WireFormat.RejectedMessage.class, () -> wire.decode(frames));
    }

    @Test
    void framesWithoutTheDelimiterOrWithTooFewPartsAreRefused() {
        WireFormat wire = new WireFormat("");
        assertThrows(WireFormat.RejectedMessage.class, () -> wire.decode(List.of(ascii("{}"))));
        assertThrows(WireFormat.RejectedMessage.class, () -> wire.decode(List.of(ascii("<IDS|MSG>"), ascii(""), ascii("{}"))));
    }

    @Test
    void aJsonPartThatIsNotAnObjectIsRefusedAndAnEmptyOneIsAnEmptyObject() throws Exception {
        WireFormat wire = new WireFormat("");
        List<byte[]> frames = new ArrayList<>(wire.encode(JupyterMessage.request("kernel_info_request", "s", "u", Json.object())));
        frames.set(3, ascii(""));
        assertTrue(wire.decode(frames).parentHeader().isEmpty());
        frames.set(5, ascii("[1, 2]"));
        WireFormat.RejectedMessage refused = assertThrows(WireFormat.RejectedMessage.class, () -> wire.decode(frames));
        assertTrue(refused.getMessage().contains("content"), refused.getMessage());
    }
}
