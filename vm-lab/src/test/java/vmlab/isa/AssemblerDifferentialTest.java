package vmlab.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our assembler against GNU as + ld on a corpus that uses every instruction and pseudo-instruction: the bytes of every
 * section must be equal, and our disassembly of GNU's code must equal objdump's.
 */
class AssemblerDifferentialTest {

    private static String corpus;

    @TempDir
    Path work;

    @BeforeAll
    static void readCorpus() throws IOException {
        try (InputStream in = AssemblerDifferentialTest.class.getResourceAsStream("corpus.s")) {
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCorpusUsesEveryInstructionAndPseudoInstruction() {
        List<String> missing = new ArrayList<>();
        for (Instruction in : Instruction.values()) {
            if (!mentions(in.mnemonic)) {
                missing.add(in.mnemonic);
            }
        }
        for (String pseudo : Pseudo.names()) {
            if (!mentions(pseudo)) {
                missing.add(pseudo);
            }
        }
        assertTrue(missing.isEmpty(), "corpus.s never uses " + missing);
    }

    private static boolean mentions(String mnemonic) {
        return Pattern.compile("(?m)^(\\S+:)?\\s+" + Pattern.quote(mnemonic) + "(\\.aq|\\.rl|\\.aqrl)?(\\s|$)").matcher(corpus).find();
    }

    @Test
    void everySectionHasTheBytesGnuAsAndLdProduce() throws IOException {
        GnuToolchain gnu = new GnuToolchain(work);
        Path elf = gnu.assembleAndLink(corpus);
        Assembly ours = Assembler.assemble(corpus);
        for (String section : List.of(".text", ".rodata", ".data")) {
            assertBytesEqual(section, gnu.section(elf, section), ours.bytes(section), ours.address(section));
        }
        Map<String, String> gnuSymbols = symbols(gnu.run("riscv64-unknown-elf-nm", elf.toString()));
        for (String label : List.of("_start", "helper", "message", "word_table", "counter", "buffer", "end_of_data")) {
            assertEquals(gnuSymbols.get(label), String.format("%08x", ours.symbol(label)), "address of " + label);
        }
    }

    @Test
    void ourDisassemblyOfGnuCodeMatchesObjdump() throws IOException {
        GnuToolchain gnu = new GnuToolchain(work);
        Path elf = gnu.assembleAndLink(corpus);
        byte[] text = gnu.section(elf, ".text");
        Map<Integer, String> objdump = gnu.objdumpText(elf);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i + 4 <= text.length; i += 4) {
            int pc = Assembler.DEFAULT_BASE + i;
            int word = (text[i] & 0xff) | (text[i + 1] & 0xff) << 8 | (text[i + 2] & 0xff) << 16 | (text[i + 3] & 0xff) << 24;
            String ours = Disassembler.disassemble(word, pc);
            if (!ours.equals(objdump.get(pc))) {
                mismatches.add(String.format("%08x: ours '%s', objdump '%s'", pc, ours, objdump.get(pc)));
            }
        }
        assertTrue(objdump.size() >= text.length / 4, "objdump listed the whole .text");
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    private static Map<String, String> symbols(String nm) {
        Map<String, String> symbols = new java.util.HashMap<>();
        for (String line : nm.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3) {
                symbols.put(parts[2], parts[0]);
            }
        }
        return symbols;
    }

    private static void assertBytesEqual(String section, byte[] expected, byte[] actual, int address) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.length, actual.length); i++) {
            String e = i < expected.length ? String.format("%02x", expected[i] & 0xff) : "--";
            String a = i < actual.length ? String.format("%02x", actual[i] & 0xff) : "--";
            if (!e.equals(a)) {
                differences.add(String.format("%08x: GNU %s, ours %s", address + i, e, a));
            }
        }
        assertTrue(differences.isEmpty(), section + " differs from GNU at " + differences.size() + " bytes, first:\n"
                + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
    }
}
