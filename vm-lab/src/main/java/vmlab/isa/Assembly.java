package vmlab.isa;

import static vmlab.html.HtmlText.escape;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the assembler made of a source: an {@link Image} a machine can load, the bytes of each section, the symbols, and a
 * listing (address, bytes, source line) as its text form.
 */
public final class Assembly {

    private final String name;
    private final Image image;
    private final Map<Section.Kind, Section> sections = new EnumMap<>(Section.Kind.class);
    private final Map<String, Integer> symbols;
    private final List<AssemblyPass.Placed> placed;
    private final List<String> sourceLines;

    Assembly(String name, AssemblyPass pass, SymbolTable symbolTable, List<String> sourceLines) {
        this.name = name;
        this.sections.putAll(pass.sections);
        this.symbols = symbolTable.addresses();
        this.placed = List.copyOf(pass.placed);
        this.sourceLines = sourceLines;
        this.image = buildImage();
    }

    private Image buildImage() {
        List<Image.Segment> segments = new ArrayList<>();
        Section text = sections.get(Section.Kind.TEXT);
        Section rodata = sections.get(Section.Kind.RODATA);
        Section data = sections.get(Section.Kind.DATA);
        Section bss = sections.get(Section.Kind.BSS);
        if (text.size() > 0) {
            segments.add(new Image.Segment((int) text.address, text.bytes(), text.size(), true, false));
        }
        if (rodata.size() > 0) {
            segments.add(new Image.Segment((int) rodata.address, rodata.bytes(), rodata.size(), false, false));
        }
        if (data.size() > 0 || bss.size() > 0) {
            // .data and .bss make one writable segment; the bss part is the zero-filled tail
            Section first = data.size() > 0 ? data : bss;
            long end = bss.size() > 0 ? bss.address + bss.size() : data.address + data.size();
            segments.add(new Image.Segment((int) first.address, data.size() > 0 ? data.bytes() : new byte[0],
                    (int) (end - first.address), false, true));
        }
        int entry = symbols.getOrDefault("_start", (int) text.address);
        return new Image(name, segments, entry, symbols);
    }

    /** The program, ready for a machine to load: entry is {@code _start} if defined, else the first instruction. */
    public Image image() {
        return image;
    }

    /** The bytes of a section: {@code ".text"}, {@code ".rodata"}, {@code ".data"} or {@code ".bss"} (zeros). */
    public byte[] bytes(String section) {
        Section.Kind kind = Section.Kind.of(section);
        if (kind == null) {
            throw new IllegalArgumentException("no section '" + section + "': there are .text, .rodata, .data and .bss");
        }
        return sections.get(kind).bytes();
    }

    public byte[] text() {
        return bytes(".text");
    }

    public byte[] data() {
        return bytes(".data");
    }

    /** The address of a section, e.g. to find where {@code .data} landed. */
    public int address(String section) {
        Section.Kind kind = Section.Kind.of(section);
        if (kind == null) {
            throw new IllegalArgumentException("no section '" + section + "': there are .text, .rodata, .data and .bss");
        }
        return (int) sections.get(kind).address;
    }

    /** The address of a label. */
    public int symbol(String label) {
        return image.symbol(label);
    }

    public Map<String, Integer> symbols() {
        return symbols;
    }

    /** The code again, as the disassembler reads it back. */
    public String disassembly() {
        return Disassembler.disassemble(image);
    }

    /** The listing: one line per instruction word or up to 8 data bytes, with the source line that made them. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (AssemblyPass.Placed p : placed) {
            Section section = sections.get(p.section());
            byte[] bytes = section.bytes(p.from(), p.to());
            String source = sourceLines.get(p.line() - 1).strip();
            boolean code = p.section() == Section.Kind.TEXT && bytes.length % 4 == 0;
            int step = code ? 4 : 8;
            for (int i = 0; i < bytes.length; i += step) {
                long address = section.address + p.from() + i;
                String hex = code ? String.format("%08x", littleEndianWord(bytes, i)) : hexBytes(bytes, i, Math.min(bytes.length, i + step));
                out.append(String.format("%08x  %-23s  %s", address, hex, i == 0 ? source : "").stripTrailing()).append('\n');
                if (!code && i + step < bytes.length && bytes.length > 32) {
                    out.append(String.format("%8s  ... %d bytes%n", "", bytes.length));
                    break;
                }
            }
        }
        return out.toString();
    }

    /** The listing as an HTML table, for a notebook. */
    public String toHtml() {
        // Cells are left-aligned by hand (notebook front ends right-align them); the name is a line above the table,
        // not a <caption>, which is only as wide as the table and wraps above a narrow one.
        String rows = toString().lines().map(line -> "<tr><td style=\"text-align:left\"><pre style=\"margin:0\">"
                + escape(line) + "</pre></td></tr>").reduce("", String::concat);
        return "<div style=\"font-weight:bold;white-space:nowrap\">" + escape(name) + "</div><table>" + rows + "</table>";
    }

    private static int littleEndianWord(byte[] bytes, int i) {
        return (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
    }

    private static String hexBytes(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(i > from ? " " : "").append(String.format("%02x", bytes[i] & 0xff));
        }
        return out.toString();
    }
}
