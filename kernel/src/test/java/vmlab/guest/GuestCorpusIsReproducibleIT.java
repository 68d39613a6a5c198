package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed ELFs are what the sources build to, byte for byte: a source edited without rebuilding, or a build that
 * depends on the time or the directory, fails here.
 */
class GuestCorpusIsReproducibleIT {

    @Test
    void rebuildingTheCorpusGivesTheCommittedBytes(@TempDir Path out) throws IOException {
        HostTool.crossCompiler();
        GuestRun make = HostProcess.run(List.of(HostTool.make().toString(), "-s", "OUT=" + out, "BUILD=" + out.resolve("obj")),
                new byte[0], GuestCorpus.sources(), Duration.ofMinutes(5));
        assertEquals(0, make.exitCode(), () -> "make failed in vm-lab/guest: " + make.stderr());

        List<Path> rebuilt;
        try (Stream<Path> files = Files.walk(out)) {
            rebuilt = files.filter(f -> f.toString().endsWith(".elf")).map(out::relativize).sorted().toList();
        }
        assertEquals(rebuilt, GuestCorpus.committedElfs(),
                "the committed ELFs are not the ones the Makefile builds: run make in vm-lab/guest and commit them");
        for (Path elf : rebuilt) {
            assertArrayEquals(Files.readAllBytes(GuestCorpus.elfs().resolve(elf)), Files.readAllBytes(out.resolve(elf)),
                    elf + " differs from a fresh build: run make in vm-lab/guest and commit the result"
                            + " (or the build stopped being reproducible)");
        }
    }

    @Test
    void everyProgramIsAnRv32ElfWithoutCompressedInstructions() throws IOException {
        for (Path elf : GuestCorpus.committedElfs()) {
            ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(GuestCorpus.elfs().resolve(elf)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x464c457f, header.getInt(0), elf + " is not an ELF file");
            assertEquals(1, header.get(4), elf + " is not ELF32");
            assertEquals(243, header.getShort(18), elf + " is not for RISC-V");
            assertEquals(0, header.getInt(36) & 1, elf + " uses the C extension, which the lab machine does not have");
        }
        assertTrue(GuestCorpus.committedElfs().size() >= 20, "the corpus has gone missing");
    }
}
