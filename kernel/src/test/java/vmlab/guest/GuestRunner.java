package vmlab.guest;

import java.nio.file.Path;
import java.util.List;

/** Something that runs a static Linux RV32 ELF as a user process: qemu-riscv32, or our `vmlab emu`. */
interface GuestRunner {

    /** Runs elf with args and stdin, with labDir as its current (and file) directory. */
    GuestRun run(Path elf, List<String> args, byte[] stdin, Path labDir);

    String name();
}
