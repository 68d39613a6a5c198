package vmlab.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AssemblerTest {

    private static int[] words(byte[] bytes) {
        int[] words = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(words);
        return words;
    }

    @Test
    void aCellAssemblesIntoAnImageAtTheStartOfRam() {
        Assembly program = Assembler.assemble("li a0, 42\n ecall");
        assertArrayEquals(new int[] {0x02a00513, 0x00000073}, words(program.text()));
        Image image = program.image();
        assertEquals(0x80000000, image.entry());
        assertEquals(1, image.segments().size());
        assertTrue(image.segments().get(0).executable());
        assertEquals(0x80000000, image.segments().get(0).address());
    }

    @Test
    void theListingShowsAddressWordAndSourceLine() {
        String listing = Assembler.assemble("start: li a0, 0x12345678\n  ecall # done\n").toString();
        assertEquals("""
                80000000  12345537                 start: li a0, 0x12345678
                80000004  67850513
                80000008  00000073                 ecall # done
                """, listing);
    }

    @Test
    void entryIsStartWhenDefined() {
        Assembly program = Assembler.assemble("nop\n_start: j _start\n");
        assertEquals(0x80000004, program.image().entry());
        assertEquals(0x80000004, program.symbol("_start"));
    }

    @Test
    void dataFollowsTheCodeAndBssIsZeroFilled() {
        Assembly program = Assembler.assemble("""
                    la a0, value
                    lw a0, 0(a0)
                .data
                value: .word 7
                .bss
                buffer: .space 100
                """);
        assertEquals(0x80000010, program.symbol("value"), "data starts at the next 16-byte boundary after 8 bytes of code");
        assertEquals(0x80000020, program.symbol("buffer"));
        Image.Segment data = program.image().segments().get(1);
        assertTrue(data.writable() && !data.executable());
        assertEquals(4, data.bytes().length);
        assertEquals(0x80000020 + 100 - 0x80000010, data.memorySize());
        assertArrayEquals(new byte[] {7, 0, 0, 0}, program.data());
    }

    @Test
    void aDifferentBaseMovesEverything() {
        Assembly program = Assembler.assemble("loop: j loop\n", 0x1000);
        assertEquals(0x1000, program.symbol("loop"));
        assertEquals(0x1000, program.image().entry());
    }

    @Test
    void numericLocalLabelsFindTheNearestDefinition() {
        int[] code = words(Assembler.assemble("""
                1:  j 1f
                1:  j 1b
                    j 1b
                1:  nop
                """).text());
        assertEquals("jal\tzero,80000004", Disassembler.disassemble(code[0], 0x80000000));
        assertEquals("jal\tzero,80000004", Disassembler.disassemble(code[1], 0x80000004), "a label on the same line counts as before");
        assertEquals("jal\tzero,80000004", Disassembler.disassemble(code[2], 0x80000008));
    }

    @Test
    void largeConstantsBecomeLuiPlusAddi() {
        int[] code = words(Assembler.assemble("li t0, 0xdeadbeef").text());
        assertEquals(2, code.length);
        assertEquals("lui\tt0,0xdeadc", Disassembler.disassemble(code[0], 0));
        assertEquals("addi\tt0,t0,-273", Disassembler.disassemble(code[1], 4));
    }

    @Test
    void assemblingThenDisassemblingGivesTheInstructionsBack() {
        String source = """
                add a0,a1,a2
                sra t0,t1,t2
                lw s0,-12(sp)
                sw ra,28(sp)
                amoadd.w.aqrl a0,a2,(a1)
                csrrw zero,mtvec,t0
                fence r,rw
                sfence.vma a0,zero
                mret
                """;
        Assembly program = Assembler.assemble(source);
        List<String> expected = source.lines().toList();
        int[] code = words(program.text());
        for (int i = 0; i < code.length; i++) {
            assertEquals(expected.get(i).replaceFirst(" ", "\t"), Disassembler.disassemble(code[i], 0x80000000 + 4 * i));
        }
    }

    @Test
    void everyTableRowRoundTripsThroughTextAndBack() {
        Random random = new Random(11);
        for (Instruction in : Instruction.values()) {
            for (int i = 0; i < 50; i++) {
                int word = in.match | (random.nextInt() & ~in.mask);
                if (in.format == Format.I_FENCE && ((word >>> 20 & 0xf) == 0 || (word >>> 24 & 0xf) == 0)) {
                    continue; // objdump's "unknown" for an empty fence set cannot be assembled back
                }
                int pc = 0x80000000;
                // objdump writes targets in hex without 0x; the assembler reads numbers as GNU as does, so add the 0x
                String text = Disassembler.disassemble(word, pc);
                if (in.format == Format.B || in.format == Format.J) {
                    text = text.replaceFirst(",([0-9a-f]+)$", ",0x$1");
                }
                int[] back = words(Assembler.assemble(text, pc).text());
                assertEquals(String.format("%08x", word), String.format("%08x", back[0]), text);
            }
        }
    }

    @Test
    void anErrorNamesLineColumnAndTheOffendingText() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("""
                    li a0, 1
                    addx a0, a0, a1
                """));
        assertEquals(1, e.errors().size());
        AssemblyError error = e.errors().get(0);
        assertEquals(2, error.line());
        assertEquals(5, error.column());
        assertEquals("addx", error.offending());
        assertTrue(error.message().contains("unknown instruction 'addx'"), error.message());
        assertTrue(e.getMessage().contains("line 2, column 5"), e.getMessage());
    }

    @Test
    void severalMistakesAreReportedTogetherInSourceOrder() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("""
                start:
                    addi a0, a0, 4096
                    lw a0, 0(q7)
                    beq a0, a1, nowhere
                    csrr a0, notacsr
                start:
                    .word "text"
                """));
        List<AssemblyError> errors = e.errors();
        assertEquals(List.of(2, 3, 4, 5, 6, 7), errors.stream().map(AssemblyError::line).toList(), e.getMessage());
        assertEquals(18, errors.get(0).column());
        assertTrue(errors.get(0).message().contains("4096 does not fit a 12-bit signed immediate"), errors.get(0).message());
        assertTrue(errors.get(1).message().contains("'q7' is not a register"), errors.get(1).message());
        assertEquals("nowhere", errors.get(2).offending());
        assertEquals(17, errors.get(2).column());
        assertTrue(errors.get(3).message().contains("unknown CSR 'notacsr'"));
        assertTrue(errors.get(4).message().contains("already defined"));
        assertTrue(errors.get(5).message().contains("unexpected"), errors.get(5).message());
    }

    @Test
    void wrongOperandCountsSayWhatTheInstructionTakes() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("add a0, a1"));
        assertTrue(e.errors().get(0).message().contains("add takes 3 operands (add rd, rs1, rs2), found 2"),
                e.errors().get(0).message());
    }

    @Test
    void branchesOutOfRangeAreErrorsNotWrongCode() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("""
                    beqz a0, far
                    .space 5000
                far: ret
                """));
        assertTrue(e.errors().get(0).message().contains("branch offset"), e.getMessage());
    }

    @Test
    void aConstantUsedByLiBeforeItsDefinitionIsReportedOnTheLiLine() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("""
                    li a0, BIG
                after: ret
                    .equ BIG, 0x12345678
                """));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals(1, e.errors().get(0).line());
        assertTrue(e.errors().get(0).message().contains("defined after it"), e.getMessage());
    }

    @Test
    void pcrelLoMustNameTheLabelOfItsAuipc() {
        Assembly ok = Assembler.assemble("""
                here: auipc a0, %pcrel_hi(value)
                      lw a0, %pcrel_lo(here)(a0)
                      .data
                value: .word 5
                """);
        int[] code = words(ok.text());
        int address = (code[0] & 0xfffff000) + Format.immediateI(code[1]) + ok.symbol("here");
        assertEquals(ok.symbol("value"), address, "auipc + lw reach value");
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("""
                here: nop
                      addi a0, a0, %pcrel_lo(here)
                """));
        assertEquals(2, e.errors().get(0).line());
        assertTrue(e.errors().get(0).message().contains("%pcrel_lo needs the label of an auipc"), e.getMessage());
    }

    @Test
    void lexicalMistakesHaveColumnsToo() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> Assembler.assemble("  .ascii \"open\n  li a0, `3"));
        assertEquals(List.of(1, 2), e.errors().stream().map(AssemblyError::line).toList(), e.getMessage());
        assertEquals(10, e.errors().get(1).column());
    }

    @Test
    void garbageSourceGivesErrorsNeverACrash() {
        Random random = new Random(5);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ,.:()%+-*/#\"'\n;_xa0sp@$~<>=";
        String[] words = {"addi", "lw", "sw", "li", "la", "j", "beq", ".word", ".space", ".align", "a0", "sp", "%hi(", "1b",
            "1:", "x:", ".section", ".equ", "csrr", "mstatus", "fence", "(", ")", ",", "\n", "0x", "-"};
        for (int i = 0; i < 2000; i++) {
            StringBuilder source = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                if (random.nextBoolean()) {
                    source.append(words[random.nextInt(words.length)]).append(' ');
                } else {
                    source.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                Assembler.assemble(source.toString());
            } catch (AssemblyException expected) {
                for (AssemblyError error : expected.errors()) {
                    assertTrue(error.line() >= 1 && error.column() >= 1, error.toString());
                    assertTrue(!error.message().contains("internal assembler error"), source + "\n" + error);
                }
            }
        }
    }

    @Test
    void theInstructionTableExplainsEachRow() {
        assertEquals("rd = rs1 >>s rs2[4:0]", Instruction.SRA.meaning);
        assertEquals(Format.R, Instruction.SRA.format);
        assertTrue(Instruction.table().lines().anyMatch(line -> line.startsWith("sra ") && line.contains("0x40005033")));
        assertTrue(Pseudo.table().contains("addi rd, rs, 0"));
    }
}
