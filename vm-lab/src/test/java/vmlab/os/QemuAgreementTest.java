package vmlab.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vmlab.engine.ReferenceInterpreter;
import vmlab.machine.Machine;

/**
 * A C program that exercises argv, brk, mmap/munmap, openat/write/close/_llseek/read, getrandom, clock_gettime64,
 * sched_yield, an unknown call and uname gives exactly the output qemu-riscv32 gave (recorded in syscalls.qemu.out).
 */
class QemuAgreementTest {
    @TempDir
    Path lab;

    @Test
    void theSystemCallProgramPrintsWhatQemuPrinted() throws IOException {
        Machine machine = new Machine(16 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxProcess.start(machine, UserProcessTest.resource("syscalls.elf"), List.of("syscalls.elf", "x", "yy"), Map.of(),
                lab, LinuxProcess.Streams.of(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream()));
        new ReferenceInterpreter().run(machine, 50_000_000);
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/vmlab/os/syscalls.qemu.out")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        assertEquals(7, machine.exitCode());
        assertEquals("abcdef", Files.readString(lab.resolve("t.txt")));
    }
}
