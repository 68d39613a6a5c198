package vmlab.lab;

import vmlab.html.HtmlText;

/**
 * Bytes of guest memory as a hex dump, 16 per line with their ASCII, as {@code xxd} shows them. Unreadable bytes (a hole,
 * an unmapped page) show as {@code --}.
 */
public record MemoryDump(int address, int[] bytes) {

    /** The byte at {@code address + offset}, or -1 if it could not be read. */
    public int at(int offset) {
        return bytes[offset];
    }

    /** The little-endian word at {@code address + offset}. */
    public int word(int offset) {
        return bytes[offset] & 0xFF | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format("%08x: ", address + line));
            StringBuilder ascii = new StringBuilder();
            for (int k = line; k < line + 16; k++) {
                if (k >= bytes.length) {
                    out.append("   ");
                    continue;
                }
                int b = bytes[k];
                out.append(b < 0 ? "-- " : String.format("%02x ", b));
                ascii.append(b >= 32 && b < 127 ? (char) b : '.');
            }
            out.append(' ').append(ascii).append('\n');
        }
        return out.toString();
    }

    public String toHtml() {
        return "<pre style=\"font-size:90%\">" + HtmlText.escape(toString()) + "</pre>";
    }
}
