package vmlab.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;
import vmlab.os.LinuxProcess;

/**
 * Random RV32IMA programs (see {@link RandomProgram}) leave the same registers and memory on our lab machine as under
 * qemu-riscv32: 200 sequences in 4 programs from fixed seeds, assembled by GNU as. A mismatch names the seed, the
 * sequence, the registers that differ, and shows the sequence's assembly.
 */
class RandomProgramsTest {
    private static final long[] SEEDS = { 1, 2, 3, 4 };
    private static final int SEQUENCES_PER_PROGRAM = 50;

    @TempDir
    Path work;

    /** What a run left: exit status and stdout. */
    record Outcome(int exitStatus, byte[] stdout) {
    }

    @Test
    void randomProgramsLeaveTheSameRegistersOnTheLabMachineAsUnderQemu() throws Exception {
        for (long seed : SEEDS) {
            RandomProgram program = RandomProgram.generate(seed, SEQUENCES_PER_PROGRAM);
            Path elf = assemble(program);
            Outcome qemu = underQemu(elf);
            assertEquals(0, qemu.exitStatus(), "seed " + seed + " under qemu");
            assertEquals(SEQUENCES_PER_PROGRAM * RandomProgram.DUMP_BYTES, qemu.stdout().length,
                    "seed " + seed + ": qemu should print one register and memory dump per sequence");
            compare(program, qemu, onTheLabMachine(elf));
        }
    }

    @Test
    void aMismatchNamesTheSeedTheSequenceAndTheRegister() {
        RandomProgram program = RandomProgram.generate(7, 4);
        byte[] reference = new byte[4 * RandomProgram.DUMP_BYTES];
        byte[] ours = reference.clone();
        ours[2 * RandomProgram.DUMP_BYTES + 4 * 5] = 1; // x5 of sequence 2
        AssertionError error = assertThrows(AssertionError.class,
                () -> compare(program, new Outcome(0, reference), new Outcome(0, ours)));
        assertTrue(error.getMessage().startsWith("seed 7, sequence 2: x5 qemu 00000000 ours 00000001"), error.getMessage());
        assertTrue(error.getMessage().contains(program.sequence(2)), "the failing sequence's assembly is shown");
        compare(program, new Outcome(0, reference), new Outcome(0, reference.clone()));
    }

    @Test
    void theSameSeedGivesTheSameProgram() {
        assertEquals(RandomProgram.generate(3, 5).assembly(), RandomProgram.generate(3, 5).assembly());
        assertTrue(!RandomProgram.generate(3, 5).assembly().equals(RandomProgram.generate(4, 5).assembly()));
    }

    static void compare(RandomProgram program, Outcome expected, Outcome actual) {
        for (int i = 0; i < program.sequenceCount(); i++) {
            byte[] want = dump(expected.stdout(), i);
            byte[] got = dump(actual.stdout(), i);
            if (!Arrays.equals(want, got)) {
                fail("seed " + program.seed() + ", sequence " + i + ": " + differences(want, got) + "\n" + program.sequence(i));
            }
        }
        assertEquals(expected.exitStatus(), actual.exitStatus(), () -> "seed " + program.seed() + ": exit status");
    }

    private static byte[] dump(byte[] stdout, int sequence) {
        int from = sequence * RandomProgram.DUMP_BYTES;
        int to = Math.min(stdout.length, from + RandomProgram.DUMP_BYTES);
        return from >= to ? new byte[0] : Arrays.copyOfRange(stdout, from, to);
    }

    /** Which registers and buffer words differ, as qemu's value against ours. */
    private static String differences(byte[] want, byte[] got) {
        if (got.length < want.length) {
            return "the lab machine wrote only " + got.length + " of " + want.length + " bytes of this dump";
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

    private Outcome onTheLabMachine(Path elf) throws IOException {
        Machine machine = new Machine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxProcess.start(machine, ElfLoader.load(elf), List.of(elf.getFileName().toString()), Map.of(), null,
                LinuxProcess.Streams.of(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream()));
        Stop stop = new ReferenceInterpreter().run(machine, 10_000_000L);
        assertEquals(Stop.EXITED, stop, () -> elf + " did not finish on the lab machine: " + stop.description());
        return new Outcome(machine.exitCode(), out.toByteArray());
    }

    private Outcome underQemu(Path elf) throws Exception {
        Path stdout = work.resolve(elf.getFileName() + ".stdout");
        int status = run(List.of(tool("qemu-riscv32", "qemu-user"), elf.toString()), stdout);
        return new Outcome(status, Files.readAllBytes(stdout));
    }

    private Path assemble(RandomProgram program) throws Exception {
        Path source = work.resolve("random-" + program.seed() + ".s");
        Path elf = work.resolve("random-" + program.seed() + ".elf");
        Files.writeString(source, program.assembly());
        // --no-relax: the programs use gp as an ordinary register, so `la` must not become gp-relative.
        int status = run(List.of(tool("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf"), "-march=rv32ima_zicsr",
                "-mabi=ilp32", "-nostdlib", "-static", "-Wl,--no-relax", "-Wl,-Ttext=0x10000", source.toString(), "-o",
                elf.toString()), work.resolve("gcc.log"));
        assertEquals(0, status, () -> "seed " + program.seed() + " does not assemble: " + read(work.resolve("gcc.log")));
        return elf;
    }

    private int run(List<String> command, Path output) throws Exception {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // Generous: gcc or qemu on a tiny program takes well under a second, but a loaded CI machine can stall it.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command.get(0) + " did not finish in 300 s");
        }
        return process.exitValue();
    }

    private static String tool(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return fail(command + " is not on the PATH: install the Debian package " + debianPackage + " (CI's .ci/run does)");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
