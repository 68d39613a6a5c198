package vmlab.measure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code qemu-riscv32}, QEMU's user-mode emulator (Debian package {@code qemu-user}), run as a subprocess on the same ELF
 * the lab machine runs. Only its wall-clock time is used; the instruction count comes from our own run of the same
 * program and argument (QEMU does not count instructions), which gives QEMU's MIPS.
 */
final class QemuUser {
    static final String COMMAND = "qemu-riscv32";

    private QemuUser() {
    }

    /** The executable on the PATH, or null if it is not installed. */
    static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, COMMAND);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** GNU time (Debian package {@code time}), which reports a child's CPU time; null if not installed. */
    static Path gnuTime() {
        Path time = Path.of("/usr/bin/time");
        return Files.isExecutable(time) ? time : null;
    }

    /** Runs {@code elf} with {@code arguments}: wall-clock seconds and CPU seconds (NaN without GNU time). */
    static double[] time(Path qemu, Path elf, List<String> arguments) throws IOException, InterruptedException {
        Path gnuTime = gnuTime();
        List<String> command = new ArrayList<>();
        if (gnuTime != null) {
            command.addAll(List.of(gnuTime.toString(), "-f", "cpu %U %S"));
        }
        command.addAll(List.of(qemu.toString(), elf.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes()); // the guest prints one line: cheap
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(COMMAND + " did not finish in 10 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output.strip());
        }
        double cpu = Double.NaN;
        for (String line : output.lines().toList()) {
            if (line.startsWith("cpu ")) {
                String[] f = line.split(" ");
                cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
            }
        }
        return new double[] {seconds, cpu};
    }
}
