package vmlab.machine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device tree blob read back into "path:property" = value, written from the devicetree specification independently
 * of {@link DeviceTree}, so the tests can compare a generated tree with the one QEMU dumps.
 */
final class FlattenedTreeReader {
    private FlattenedTreeReader() {
    }

    static Map<String, byte[]> read(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (b.getInt(0) != DeviceTree.MAGIC) {
            throw new IllegalArgumentException("no FDT magic");
        }
        if (b.getInt(4) > blob.length) {
            throw new IllegalArgumentException("totalsize " + b.getInt(4) + " exceeds the blob's " + blob.length);
        }
        int structure = b.getInt(8), strings = b.getInt(12);
        Map<String, byte[]> properties = new LinkedHashMap<>();
        java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>(); // node names, the root's "" first
        for (int p = structure; ; ) {
            int token = b.getInt(p);
            p += 4;
            switch (token) {
                case 1 -> {
                    String name = cString(blob, p);
                    p += (name.length() + 4) & ~3;
                    path.addLast(name);
                }
                case 2 -> path.removeLast();
                case 3 -> {
                    int length = b.getInt(p), nameOffset = b.getInt(p + 4);
                    byte[] value = new byte[length];
                    System.arraycopy(blob, p + 8, value, 0, length);
                    String node = path.size() <= 1 ? "/" : String.join("/", path);
                    properties.put(node + ":" + cString(blob, strings + nameOffset), value);
                    p += 8 + ((length + 3) & ~3);
                }
                case 4 -> { }
                case 9 -> {
                    return properties;
                }
                default -> throw new IllegalArgumentException("unknown token " + token + " at " + p);
            }
        }
    }

    private static String cString(byte[] blob, int at) {
        int end = at;
        while (blob[end] != 0) {
            end++;
        }
        return new String(blob, at, end - at, StandardCharsets.US_ASCII);
    }

    /** A property's value as 32-bit big-endian cells. */
    static int[] cells(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        int[] out = new int[value.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }
}
