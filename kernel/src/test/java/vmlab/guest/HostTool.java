package vmlab.guest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real host program a test needs (the cross-compiler, qemu); a missing one fails the test with the Debian package to install. */
final class HostTool {
    private HostTool() {
    }

    static Path require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(command + " is not on the PATH: install the Debian package " + debianPackage
                + " (CI's .ci/run installs it)");
    }

    static Path qemuUser() {
        return require("qemu-riscv32", "qemu-user");
    }

    static Path crossCompiler() {
        require("riscv64-unknown-elf-ld", "binutils-riscv64-unknown-elf");
        if (!Files.isDirectory(Path.of("/usr/lib/picolibc/riscv64-unknown-elf"))) {
            fail("picolibc for riscv64-unknown-elf is missing: install the Debian package picolibc-riscv64-unknown-elf");
        }
        return require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
    }

    static Path make() {
        return require("make", "make");
    }
}
