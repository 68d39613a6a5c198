package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random RV32IMA programs (see {@link RandomProgram}) leave the same registers and memory under `vmlab emu` as under
 * qemu-riscv32: 200 sequences in 4 programs, from fixed seeds; a mismatch names the seed, the sequence and the registers.
 */
class RandomProgramsIT {
    private static final long[] SEEDS = { 1, 2, 3, 4 };
    private static final int SEQUENCES_PER_PROGRAM = 50;

    @TempDir
    Path work;

    @Test
    void generatedProgramsRunUnderQemuAndDumpEverySequence() throws IOException {
        QemuUser qemu = new QemuUser();
        for (long seed : SEEDS) {
            RandomProgram program = RandomProgram.generate(seed, SEQUENCES_PER_PROGRAM);
            GuestRun run = qemu.run(assemble(program), List.of(), new byte[0], work);
            assertEquals(0, run.exitCode(), () -> "seed " + seed + " under qemu: " + run);
            assertEquals(SEQUENCES_PER_PROGRAM * RandomProgram.DUMP_BYTES, run.stdout().length,
                    "seed " + seed + ": one register and memory dump per sequence");
        }
    }

    @Test
    void randomProgramsLeaveTheSameRegistersAsUnderQemu() throws IOException {
        QemuUser qemu = new QemuUser();
        VmlabEmu emu = new VmlabEmu();
        for (long seed : SEEDS) {
            RandomProgram program = RandomProgram.generate(seed, SEQUENCES_PER_PROGRAM);
            Path elf = assemble(program);
            GuestRun expected = qemu.run(elf, List.of(), new byte[0], work);
            GuestRun actual = emu.run(elf, List.of(), new byte[0], work);
            compare(program, expected, actual);
        }
    }

    @Test
    void aMismatchNamesTheSeedTheSequenceAndTheRegister() {
        RandomProgram program = RandomProgram.generate(7, 4);
        byte[] reference = new byte[4 * RandomProgram.DUMP_BYTES];
        byte[] ours = reference.clone();
        ours[2 * RandomProgram.DUMP_BYTES + 4 * 5] = 1; // x5 of sequence 2
        AssertionError error = assertThrows(AssertionError.class, () -> compare(program,
                new GuestRun(0, reference, "", false), new GuestRun(0, ours, "", false)));
        assertTrue(error.getMessage().startsWith("seed 7, sequence 2: x5 qemu 00000000 ours 00000001"), error.getMessage());
        assertTrue(error.getMessage().contains(program.sequence(2)), "the failing sequence's assembly is shown");
        compare(program, new GuestRun(0, reference, "", false), new GuestRun(0, reference.clone(), "", false));
    }

    static void compare(RandomProgram program, GuestRun expected, GuestRun actual) {
        for (int i = 0; i < program.sequenceCount(); i++) {
            int from = i * RandomProgram.DUMP_BYTES;
            byte[] want = slice(expected.stdout(), from);
            byte[] got = slice(actual.stdout(), from);
            if (!Arrays.equals(want, got)) {
                fail("seed " + program.seed() + ", sequence " + i + ": " + differences(want, got) + "\nvmlab emu: " + actual
                        + "\n" + program.sequence(i));
            }
        }
        assertEquals(expected.exitCode(), actual.exitCode(), () -> "seed " + program.seed() + ": exit status; " + actual);
    }

    private static byte[] slice(byte[] bytes, int from) {
        int to = Math.min(bytes.length, from + RandomProgram.DUMP_BYTES);
        return from >= to ? new byte[0] : Arrays.copyOfRange(bytes, from, to);
    }

    /** Which registers (x1..x30) and buffer words differ, as qemu vs ours. */
    private static String differences(byte[] want, byte[] got) {
        if (got.length < want.length) {
            return "vmlab emu wrote only " + got.length + " of " + want.length + " bytes of this dump";
        }
        ByteBuffer w = ByteBuffer.wrap(want).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer g = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
        List<String> diffs = new ArrayList<>();
        for (int offset = 0; offset + 4 <= want.length; offset += 4) {
            if (w.getInt(offset) != g.getInt(offset)) {
                String where = offset < 128 ? "x" + offset / 4 : "buffer+" + (offset - 128);
                diffs.add(String.format("%s qemu %08x ours %08x", where, w.getInt(offset), g.getInt(offset)));
            }
        }
        return String.join(", ", diffs);
    }

    private Path assemble(RandomProgram program) throws IOException {
        Path source = work.resolve("random-" + program.seed() + ".s");
        Path elf = work.resolve("random-" + program.seed() + ".elf");
        Files.writeString(source, program.assembly());
        GuestRun gcc = HostProcess.run(List.of(HostTool.crossCompiler().toString(), "-march=rv32ima_zicsr", "-mabi=ilp32",
                "-nostdlib", "-static", "-Wl,--no-relax", "-Wl,-Ttext=0x10000", source.toString(), "-o", elf.toString()),
                new byte[0], work, Duration.ofMinutes(1));
        assertEquals(0, gcc.exitCode(), () -> "seed " + program.seed() + " does not assemble: " + gcc.stderr());
        return elf;
    }
}
