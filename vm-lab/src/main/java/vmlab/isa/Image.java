package vmlab.isa;

import java.util.List;
import java.util.Map;

/**
 * A program ready to load into a machine: the bytes of each segment at its guest address, the entry point and the symbol
 * table. The ELF loader and the assembler both produce one, so a machine loads compiled C and a cell's assembly the same way.
 *
 * @param name     what to call the program in displays and errors (a file name, "fib", "cell 3")
 * @param segments the loadable pieces, in address order
 * @param entry    the address of the first instruction
 * @param symbols  symbol name to address (functions, labels, {@code tohost}); may be empty
 */
public record Image(String name, List<Segment> segments, int entry, Map<String, Integer> symbols) {

    public Image {
        segments = List.copyOf(segments);
        symbols = Map.copyOf(symbols);
    }

    /**
     * One loadable piece. {@code memorySize} may exceed {@code bytes.length}: the rest is zero-filled (the {@code .bss}).
     */
    public record Segment(int address, byte[] bytes, int memorySize, boolean executable, boolean writable) {
        public Segment {
            if (memorySize < bytes.length) {
                throw new IllegalArgumentException("segment at 0x%08x: memory size %d is smaller than its %d bytes"
                        .formatted(address, memorySize, bytes.length));
            }
        }
    }

    /** The address of a symbol, or an error that names the symbols that do exist. */
    public int symbol(String symbolName) {
        Integer address = symbols.get(symbolName);
        if (address == null) {
            throw new IllegalArgumentException(name + " has no symbol '" + symbolName + "'; it has " + symbols.keySet());
        }
        return address;
    }
}
