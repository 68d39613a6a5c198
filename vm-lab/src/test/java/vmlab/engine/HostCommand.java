package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real host tool for the tests that check our boards against QEMU: make, the cross-compiler, or QEMU itself. A
 * tool that is missing fails the test and names the Debian package to install; a tool that fails shows its output.
 */
final class HostCommand {
    private HostCommand() {
    }

    /** Runs {@code command} in {@code directory} with {@code input} on its stdin; returns stdout and stderr together. */
    static String run(Path directory, String input, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " is not installed (Debian: " + debianPackage(command[0]) + ")");
            throw e;
        }
        p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    private static String debianPackage(String tool) {
        return tool.startsWith("qemu") ? "qemu-system-misc" : tool.equals("make") ? "make" : "gcc-riscv64-unknown-elf";
    }
}
