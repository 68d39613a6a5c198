package vmlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vmlab.engine.ReferenceInterpreter;
import vmlab.os.LinuxProcess;

class ElfLoaderTest {

    static byte[] hello() throws IOException {
        try (InputStream in = ElfLoaderTest.class.getResourceAsStream("/vmlab/os/hello.elf")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsSegmentsEntryAndSymbolsOfARealToolchainBinary() throws IOException {
        Elf elf = ElfLoader.parse(hello(), "hello.elf");
        assertEquals(0x10094, elf.image().entry());
        assertEquals(2, elf.image().segments().size());
        assertEquals(0x10094, elf.image().symbol("_start"));
        assertEquals(0x10034, elf.programHeaders(), "the program headers are mapped with the first segment");
        assertTrue(elf.image().segments().get(0).executable());
        assertTrue(elf.image().segments().get(1).writable());
    }

    private static ElfFormatException rejected(byte[] bytes) {
        return assertThrows(ElfFormatException.class, () -> ElfLoader.parse(bytes, "bad.elf"));
    }

    @Test
    void aTruncatedFileSaysSoAndWhere() throws IOException {
        ElfFormatException e = rejected(Arrays.copyOf(hello(), 40));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        ElfFormatException segment = rejected(Arrays.copyOf(hello(), 0xC0));
        assertTrue(segment.getMessage().contains("program header 2"), segment.getMessage());
    }

    @Test
    void a64BitElfIsRejectedAsTheWrongClass() throws IOException {
        byte[] bytes = hello();
        bytes[4] = 2;
        ElfFormatException e = rejected(bytes);
        assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
        assertEquals(4, e.offset());
    }

    @Test
    void anElfForAnotherMachineNamesTheMachine() throws IOException {
        byte[] bytes = hello();
        bytes[18] = 62;
        bytes[19] = 0;
        ElfFormatException e = rejected(bytes);
        assertTrue(e.getMessage().contains("x86-64"), e.getMessage());
        assertEquals(18, e.offset());
    }

    @Test
    void anElfFlaggedForCompressedInstructionsLoadsAsOnQemuAndSpike() throws IOException {
        byte[] bytes = hello();
        bytes[36] |= 1;
        Elf elf = ElfLoader.parse(bytes, "rvc");
        assertEquals(0x10094, elf.image().entry());
    }

    @Test
    void aSegmentWithoutFlagsStillLoadsAndMayHoldTheEntry() throws IOException {
        byte[] bytes = hello();
        int phoff = (bytes[28] & 0xFF) | (bytes[29] & 0xFF) << 8;
        int phnum = (bytes[44] & 0xFF) | (bytes[45] & 0xFF) << 8;
        for (int k = 0; k < phnum; k++) {
            bytes[phoff + 32 * k + 24] = 0; // p_flags: none
        }
        assertEquals(0x10094, ElfLoader.parse(bytes, "flagless").image().entry());
    }

    @Test
    void notAnElfAtAll() {
        assertTrue(rejected("#!/bin/sh\necho hi\n".getBytes()).getMessage().contains("magic"));
        assertTrue(rejected(new byte[0]).getMessage().contains("magic"));
    }

    /** Every mutation either loads or is rejected with an ElfFormatException; what loads also runs without a Java crash. */
    @Test
    void randomMutationsNeverEscapeAsJavaExceptions() throws IOException {
        byte[] original = hello();
        Random random = new Random(42);
        int loaded = 0, rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                bytes[random.nextInt(Math.min(bytes.length, round % 2 == 0 ? 0x60 : bytes.length))] = (byte) random.nextInt();
            }
            if (round % 7 == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Elf elf;
            try {
                elf = ElfLoader.parse(bytes, "mutant");
            } catch (ElfFormatException e) {
                rejected++;
                continue;
            }
            loaded++;
            Machine machine = new Machine(4 << 20);
            try {
                LinuxProcess.start(machine, elf, List.of("mutant"), Map.of(), null, LinuxProcess.Streams.of(
                        InputStream.nullInputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
            } catch (IllegalStateException tooBigForRam) {
                continue; // a mutated segment size can exceed guest RAM: a clear host error, not a crash
            }
            new ReferenceInterpreter().run(machine, 10_000);
        }
        assertTrue(loaded > 100 && rejected > 100, "both outcomes exercised: " + loaded + " loaded, " + rejected + " rejected");
    }
}
