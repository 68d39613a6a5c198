package vmlab.isa;

import java.util.Arrays;

/**
 * One output section: its bytes as they grow, the strongest alignment asked for, and (after layout) its address.
 * The assembler knows four kinds; {@code .section .text.startup} and the like fold into the kind their name starts with.
 */
final class Section {

    enum Kind {
        TEXT(".text", true, false), RODATA(".rodata", false, false), DATA(".data", false, true), BSS(".bss", false, true);

        final String name;
        final boolean executable;
        final boolean writable;

        Kind(String name, boolean executable, boolean writable) {
            this.name = name;
            this.executable = executable;
            this.writable = writable;
        }

        /** The kind a section name belongs to ({@code .sdata} is data, {@code .srodata} read-only); null if unknown. */
        static Kind of(String sectionName) {
            String n = sectionName.toLowerCase();
            if (n.equals(".text") || n.startsWith(".text.")) {
                return TEXT;
            }
            if (n.startsWith(".rodata") || n.startsWith(".srodata")) {
                return RODATA;
            }
            if (n.startsWith(".data") || n.startsWith(".sdata")) {
                return DATA;
            }
            if (n.startsWith(".bss") || n.startsWith(".sbss")) {
                return BSS;
            }
            return null;
        }
    }

    final Kind kind;
    private byte[] bytes = new byte[64];
    private int size;
    int alignment = 4;
    long address;

    Section(Kind kind) {
        this.kind = kind;
    }

    int size() {
        return size;
    }

    void emit(byte value) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = value;
    }

    void emitLittleEndian(long value, int width) {
        for (int i = 0; i < width; i++) {
            emit((byte) (value >>> (8 * i)));
        }
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }

    byte[] bytes(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
