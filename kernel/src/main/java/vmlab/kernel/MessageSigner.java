package vmlab.kernel;

import vmlab.client.ConnectionInfo;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

import java.security.GeneralSecurityException;

/**
 * Signs and checks Jupyter messages with the connection's HMAC key.
 * <p>
 * This is our thin adapter over the base kernel ({@code org.dflib.jjava:jjava-jupyter}): its HMAC generator is sound,
 * so we keep it. Its socket loops, its Gson message model (minute-resolution {@code java.util.Date} timestamps) and its
 * request handlers are not, so the rest of {@code vmlab.kernel} replaces them; nothing else here imports the base.
 */
final class MessageSigner {

    private final HMACGenerator hmac;

    MessageSigner(ConnectionInfo connection) {
        try {
            this.hmac = connection.key().isEmpty()
                    ? HMACGenerator.NO_AUTH_INSTANCE
                    : new HMACGenerator(connection.signatureScheme(), connection.key());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot sign with scheme '" + connection.signatureScheme() + "': " + e.getMessage(), e);
        }
    }

    /** The hex signature of the four signed frames; empty when the connection has no key. */
    String sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        String signature = hmac.calculateSignature(header, parentHeader, metadata, content);
        return signature == null ? "" : signature;
    }

    boolean verify(String signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        String expected = sign(header, parentHeader, metadata, content);
        return java.security.MessageDigest.isEqual(expected.getBytes(), signature.getBytes());
    }
}
