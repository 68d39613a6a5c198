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
import java.util.Random;
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

    /**
     * Random operands for every row: our disassembler writes each word as text, GNU as and our assembler both assemble that
     * text, and the bytes must be equal (and equal to the word we started from).
     */
    @Test
    void randomInstructionsAssembleToTheBytesGnuAsProduces() throws IOException {
        Random random = new Random(314);
        List<Integer> words = new ArrayList<>();
        StringBuilder source = new StringBuilder(".text\n");
        for (Instruction in : Instruction.values()) {
            for (int i = 0; i < 30; i++) {
                int word = in.match | (random.nextInt() & ~in.mask);
                if (in.format == Format.I_FENCE && ((word >>> 20 & 0xf) == 0 || (word >>> 24 & 0xf) == 0)) {
                    continue; // objdump's "unknown" (an empty fence set) has no assembly syntax
                }
                int pc = Assembler.DEFAULT_BASE + 4 * words.size();
                String text = Disassembler.disassemble(word, pc);
                if (in.format == Format.B || in.format == Format.J) {
                    // GNU ld mishandles an absolute target above 2 GiB (it sign-extends it), so write the target as . + offset
                    int target = (int) Long.parseLong(text.substring(text.lastIndexOf(',') + 1), 16);
                    text = text.substring(0, text.lastIndexOf(',') + 1) + ".+(" + (target - pc) + ")";
                }
                words.add(word);
                source.append(text).append('\n');
            }
        }
        GnuToolchain gnu = new GnuToolchain(work);
        byte[] theirs = gnu.section(gnu.assembleAndLink(source.toString()), ".text");
        byte[] ours = Assembler.assemble(source.toString()).text();
        assertBytesEqual(".text", theirs, ours, Assembler.DEFAULT_BASE);
        byte[] original = new byte[4 * words.size()];
        for (int i = 0; i < words.size(); i++) {
            for (int b = 0; b < 4; b++) {
                original[4 * i + b] = (byte) (words.get(i) >>> (8 * b));
            }
        }
        assertBytesEqual("the original words", original, ours, Assembler.DEFAULT_BASE);
    }

    /** li picks addi, lui or lui + addi by the value; GNU as must agree for every kind of 32-bit constant. */
    @Test
    void liOfRandomConstantsMatchesGnuAs() throws IOException {
        Random random = new Random(99);
        StringBuilder source = new StringBuilder(".text\n");
        for (int i = 0; i < 400; i++) {
            int value = switch (i % 4) {
                case 0 -> random.nextInt();
                case 1 -> random.nextInt(8192) - 4096;            // around the 12-bit boundary
                case 2 -> random.nextInt() & 0xfffff000;           // only upper bits: lui alone
                default -> (random.nextInt() & 0xfffff000) | 0x800 | random.nextInt(0x800); // low part negative
            };
            source.append(String.format("li x%d, %s%n", 1 + random.nextInt(31),
                    random.nextBoolean() ? Integer.toString(value) : "0x" + Integer.toHexString(value)));
        }
        GnuToolchain gnu = new GnuToolchain(work);
        byte[] theirs = gnu.section(gnu.assembleAndLink(source.toString()), ".text");
        assertBytesEqual(".text", theirs, Assembler.assemble(source.toString()).text(), Assembler.DEFAULT_BASE);
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
