package vmlab.jupyter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signs and checks messages with the connection file's key: HMAC-SHA256 over the four JSON frames (header, parent_header,
 * metadata, content), written as lowercase hex, as jupyter_client does. Whoever holds the key can make a kernel run code,
 * which is why connection files are readable by their owner only.
 * <p>
 * The JDK's {@link Mac} does all the cryptography; this class was once an adapter over jjava-jupyter's HMACGenerator,
 * which is the same twenty lines (docs/kernel.md, "Design notes").
 */
final class MessageSigner {

    private static final String ALGORITHM = "HmacSHA256";

    /** Null when the key is empty: the messages of that connection carry an empty signature and none is checked. */
    private final Mac mac;

    MessageSigner(String key) {
        if (key.isEmpty()) {
            mac = null;
            return;
        }
        try {
            mac = Mac.getInstance(ALGORITHM);
            // jupyter_client signs with the key's UTF-8 bytes.
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }

    boolean signs() {
        return mac != null;
    }

    /** The hex signature of the signed frames, as ASCII bytes; empty when the connection has no key. */
    byte[] sign(byte[]... frames) {
        if (mac == null) {
            return new byte[0];
        }
        byte[] digest;
        // One Mac for the whole connection: the kernel's channel threads sign in turn (a few microseconds each).
        synchronized (mac) {
            for (byte[] frame : frames) {
                mac.update(frame);
            }
            digest = mac.doFinal();
        }
        return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
    }

    /** True when {@code signature} is this key's signature of the frames, compared in constant time; always true without a key. */
    boolean verify(byte[] signature, byte[]... frames) {
        return mac == null || MessageDigest.isEqual(sign(frames), signature);
    }
}
