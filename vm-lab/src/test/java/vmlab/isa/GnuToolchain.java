package vmlab.isa;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real GNU RISC-V binutils, our reference: assemble a source, link it at the lab machine's addresses, take the bytes of a
 * section, and disassemble with {@code objdump -M no-aliases}. A missing tool fails the test and names the Debian package.
 */
final class GnuToolchain {

    static final String PACKAGE = "binutils-riscv64-unknown-elf";
    private static final Pattern OBJDUMP_LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]+)\\s*\\t(.*)$");

    private final Path directory;

    GnuToolchain(Path directory) {
        this.directory = directory;
    }

    /** Assembles {@code source} with GNU as (no relaxation, no arch attribute section) and links it like our assembler lays out. */
    Path assembleAndLink(String source) throws IOException {
        Path s = directory.resolve("gnu.s");
        Files.writeString(s, ".option norelax\n" + source + "\n");
        Path o = directory.resolve("gnu.o");
        run("riscv64-unknown-elf-as", "-march=rv32imah_zicsr_zifencei", "-mabi=ilp32", "-mno-relax", "-mno-arch-attr",
                "-o", o.toString(), s.toString());
        Path script = directory.resolve("lab.ld");
        // The same layout as Assembler: .text at the base, each further section at the next 16-byte boundary.
        Files.writeString(script, """
                SECTIONS {
                  . = 0x80000000;
                  .text : { *(.text) }
                  . = ALIGN(16);
                  .rodata : { *(.rodata) }
                  . = ALIGN(16);
                  .data : { *(.data) }
                  . = ALIGN(16);
                  .bss : { *(.bss) }
                }
                """);
        Path elf = directory.resolve("gnu.elf");
        run("riscv64-unknown-elf-ld", "-m", "elf32lriscv", "--no-relax", "-T", script.toString(), "-o", elf.toString(),
                o.toString());
        return elf;
    }

    /** The bytes of one section of a linked ELF, as {@code objcopy -O binary -j SECTION} writes them. */
    byte[] section(Path elf, String section) throws IOException {
        Path bin = directory.resolve("section.bin");
        Files.deleteIfExists(bin);
        run("riscv64-unknown-elf-objcopy", "-O", "binary", "-j", section, elf.toString(), bin.toString());
        return Files.exists(bin) ? Files.readAllBytes(bin) : new byte[0];
    }

    /**
     * objdump's text for each word, in order: words are placed with {@code .insn} in an object that keeps its RV32IMA arch
     * attribute, so objdump decodes only our extensions. Comments ({@code # ...}) and symbol hints ({@code <...>}) are removed.
     */
    List<String> objdump(int[] words) throws IOException {
        StringBuilder source = new StringBuilder(".text\n");
        for (int word : words) {
            source.append(".insn 0x").append(Integer.toHexString(word)).append('\n');
        }
        Path s = directory.resolve("words.s");
        Files.writeString(s, source);
        Path o = directory.resolve("words.o");
        run("riscv64-unknown-elf-as", "-march=rv32imah_zicsr_zifencei", "-mabi=ilp32", "-o", o.toString(), s.toString());
        return objdumpText(o).values().stream().toList();
    }

    /** objdump's text by address for the code in an object or ELF. */
    Map<Integer, String> objdumpText(Path object) throws IOException {
        String listing = run("riscv64-unknown-elf-objdump", "-d", "-M", "no-aliases", object.toString());
        Map<Integer, String> text = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            Matcher m = OBJDUMP_LINE.matcher(line);
            if (m.matches()) {
                text.put((int) Long.parseLong(m.group(1), 16), withoutHints(m.group(3)));
            }
        }
        return text;
    }

    static String withoutHints(String objdumpText) {
        return objdumpText.replaceAll(" ?#.*$", "").replaceAll(" <[^>]*>", "").strip();
    }

    /** Runs a tool and returns its standard output; a non-zero exit fails the test with the tool's messages. */
    String run(String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of(command));
        Process process;
        try {
            process = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(false).start();
        } catch (IOException missing) {
            return fail(command[0] + " is not installed: install the Debian package " + PACKAGE + " (CI does)", missing);
        }
        try {
            Path out = directory.resolve("tool.out");
            Path err = directory.resolve("tool.err");
            Thread drainErr = new Thread(() -> copy(process.getErrorStream(), err));
            drainErr.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command[0] + " did not finish in 120 s");
            }
            drainErr.join();
            Files.write(out, stdout);
            if (process.exitValue() != 0) {
                fail(String.join(" ", argv) + " failed:\n" + Files.readString(err));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }

    private static void copy(java.io.InputStream in, Path file) {
        try {
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            // the exit status reports the failure; losing stderr only loses detail
        }
    }
}
