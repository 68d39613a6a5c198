package vmlab.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vmlab.isa.Image;

/**
 * Reads statically linked ELF32 little-endian RISC-V executables: program headers (what to load where), the entry point and
 * the symbol table. Everything is bounds-checked: a truncated, corrupted or foreign file gives an {@link ElfFormatException}
 * naming the problem and its file offset, never an index error.
 */
public final class ElfLoader {
    public static final int EM_RISCV = 243;
    private static final int PT_LOAD = 1, PT_INTERP = 3, SHT_SYMTAB = 2;

    private final byte[] bytes;
    private final String file;

    private ElfLoader(byte[] bytes, String file) {
        this.bytes = bytes;
        this.file = file;
    }

    public static Elf load(Path path) throws IOException {
        return parse(Files.readAllBytes(path), path.getFileName().toString());
    }

    /** Parses an ELF file's bytes; {@code name} appears in the image and in error messages. */
    public static Elf parse(byte[] bytes, String name) {
        return new ElfLoader(bytes, name).parse();
    }

    private ElfFormatException error(long offset, String problem) {
        return new ElfFormatException(file, offset, problem);
    }

    private int u8(long offset) {
        need(offset, 1, "a byte");
        return bytes[(int) offset] & 0xFF;
    }

    private int u16(long offset) {
        need(offset, 2, "a 16-bit field");
        return (bytes[(int) offset] & 0xFF) | (bytes[(int) offset + 1] & 0xFF) << 8;
    }

    private int u32(long offset) {
        need(offset, 4, "a 32-bit field");
        int o = (int) offset;
        return (bytes[o] & 0xFF) | (bytes[o + 1] & 0xFF) << 8 | (bytes[o + 2] & 0xFF) << 16 | (bytes[o + 3] & 0xFF) << 24;
    }

    private void need(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw error(offset, "truncated: " + what + " of " + length + " bytes would end at offset 0x"
                    + Long.toHexString(offset + length) + " but the file has only " + bytes.length + " bytes");
        }
    }

    private static long unsigned(int value) {
        return value & 0xFFFF_FFFFL;
    }

    private Elf parse() {
        if (bytes.length < 4 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw error(0, "no ELF magic number (the file does not start with 0x7F 'E' 'L' 'F')");
        }
        need(0, 52, "the ELF32 header");
        int elfClass = u8(4);
        if (elfClass == 2) {
            throw error(4, "a 64-bit ELF (ELFCLASS64); the lab machine runs 32-bit RISC-V (build with -march=rv32ima "
                    + "-mabi=ilp32)");
        }
        if (elfClass != 1) {
            throw error(4, "unknown ELF class " + elfClass);
        }
        if (u8(5) != 1) {
            throw error(5, "big-endian data (EI_DATA = " + u8(5) + "); RISC-V is little-endian");
        }
        int type = u16(16);
        if (type == 3) {
            throw error(16, "a position-independent or dynamic executable (ET_DYN); link it statically (-static, no PIE)");
        }
        if (type != 2) {
            throw error(16, "not an executable (e_type = " + type + ", expected 2 = ET_EXEC)");
        }
        int machine = u16(18);
        if (machine != EM_RISCV) {
            throw error(18, "built for " + machineName(machine) + " (e_machine = " + machine + "), not RISC-V (243)");
        }
        int entry = u32(24);
        long phoff = unsigned(u32(28));
        long shoff = unsigned(u32(32));
        int flags = u32(36);
        // EF_RISCV_RVC (bit 0) is accepted, as QEMU and spike accept it: code may test misa before using C. The lab
        // machine has no C extension (misa says so), and a compressed instruction traps as illegal when it runs.
        if ((flags & 6) != 0) {
            throw error(36, "uses a hardware floating-point ABI; the lab machine has no F/D: build with -mabi=ilp32");
        }
        int phentsize = u16(42), phnum = u16(44);
        if (phnum == 0) {
            throw error(44, "no program headers: nothing to load");
        }
        if (phentsize != 32) {
            throw error(42, "program header size " + phentsize + ", expected 32 for ELF32");
        }
        need(phoff, (long) phnum * 32, "the program header table");

        List<Image.Segment> segments = new ArrayList<>();
        int programHeaders = 0;
        for (int k = 0; k < phnum; k++) {
            long h = phoff + 32L * k;
            int ptype = u32(h);
            if (ptype == PT_INTERP) {
                throw error(h, "needs a dynamic loader (PT_INTERP); link it statically (-static)");
            }
            if (ptype != PT_LOAD) {
                continue;
            }
            long offset = unsigned(u32(h + 4));
            int vaddr = u32(h + 8);
            long filesz = unsigned(u32(h + 16)), memsz = unsigned(u32(h + 20));
            int pflags = u32(h + 24);
            if (filesz > memsz) {
                throw error(h + 16, "program header " + k + " has more file bytes (" + filesz + ") than memory bytes (" + memsz + ")");
            }
            if (unsigned(vaddr) + memsz > 0x1_0000_0000L) {
                throw error(h + 8, String.format("program header %d: segment at 0x%08x with %d bytes runs past the 4 GiB address space",
                        k, vaddr, memsz));
            }
            if (memsz > Integer.MAX_VALUE - 8) {
                throw error(h + 20, "program header " + k + " is too large (" + memsz + " bytes)");
            }
            need(offset, filesz, "program header " + k + "'s contents");
            byte[] contents = java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + filesz));
            segments.add(new Image.Segment(vaddr, contents, (int) memsz, (pflags & 1) != 0, (pflags & 2) != 0));
            if (phoff >= offset && phoff + 32L * phnum <= offset + filesz) {
                programHeaders = vaddr + (int) (phoff - offset);
            }
        }
        if (segments.isEmpty()) {
            throw error(phoff, "no loadable (PT_LOAD) segment");
        }
        segments.sort(Comparator.comparingLong(s -> unsigned(s.address())));
        for (int k = 1; k < segments.size(); k++) {
            Image.Segment a = segments.get(k - 1), b = segments.get(k);
            if (unsigned(a.address()) + a.memorySize() > unsigned(b.address())) {
                throw error(phoff, String.format("segments at 0x%08x and 0x%08x overlap", a.address(), b.address()));
            }
        }
        // Every PT_LOAD segment is loaded whatever its flags, as QEMU and spike do (some linker scripts, the
        // riscv-tests' among them, leave a segment's R/W/X flags empty); the entry must only lie in one of them.
        boolean entryInSegment = segments.stream().anyMatch(s ->
                unsigned(entry) >= unsigned(s.address()) && unsigned(entry) < unsigned(s.address()) + s.memorySize());
        if (!entryInSegment) {
            throw error(24, String.format("the entry point 0x%08x is not inside any loaded segment", entry));
        }
        Map<String, Integer> symbols = shoff == 0 ? Map.of() : symbols(shoff);
        return new Elf(new Image(file, segments, entry, symbols), programHeaders, 32, phnum);
    }

    private Map<String, Integer> symbols(long shoff) {
        int shentsize = u16(46), shnum = u16(48);
        if (shnum == 0) {
            return Map.of();
        }
        if (shentsize != 40) {
            throw error(46, "section header size " + shentsize + ", expected 40 for ELF32");
        }
        need(shoff, (long) shnum * 40, "the section header table");
        Map<String, Integer> locals = new HashMap<>(), globals = new HashMap<>();
        for (int k = 0; k < shnum; k++) {
            long h = shoff + 40L * k;
            if (u32(h + 4) != SHT_SYMTAB) {
                continue;
            }
            long offset = unsigned(u32(h + 16)), size = unsigned(u32(h + 20));
            int link = u32(h + 24);
            long entsize = unsigned(u32(h + 36));
            if (entsize != 16) {
                throw error(h + 36, "symbol table entry size " + entsize + ", expected 16");
            }
            if (Integer.compareUnsigned(link, shnum) >= 0) {
                throw error(h + 24, "symbol table links to string table section " + unsigned(link)
                        + " but there are only " + shnum + " sections");
            }
            long strtab = shoff + 40L * link;
            need(strtab, 40, "the string table's section header");
            long strOffset = unsigned(u32(strtab + 16)), strSize = unsigned(u32(strtab + 20));
            need(strOffset, strSize, "the symbol string table");
            need(offset, size, "the symbol table");
            for (long e = offset; e + 16 <= offset + size; e += 16) {
                long nameIndex = unsigned(u32(e));
                int value = u32(e + 4);
                int info = u8(e + 12);
                int shndx = u16(e + 14);
                int symbolType = info & 15;
                if (nameIndex == 0 || shndx == 0 || symbolType > 2) {
                    continue; // unnamed, undefined, or a section/file symbol
                }
                if (nameIndex >= strSize) {
                    throw error(e, "symbol name index " + nameIndex + " lies outside the string table (" + strSize
                            + " bytes)");
                }
                String name = cString(strOffset + nameIndex, strOffset + strSize);
                (info >>> 4 == 0 ? locals : globals).putIfAbsent(name, value);
            }
        }
        locals.putAll(globals);
        return locals;
    }

    private String cString(long start, long limit) {
        long end = start;
        while (end < limit && bytes[(int) end] != 0) {
            end++;
        }
        return new String(bytes, (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 3 -> "x86";
            case 8 -> "MIPS";
            case 20 -> "PowerPC";
            case 40 -> "ARM";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            default -> "another architecture";
        };
    }
}
