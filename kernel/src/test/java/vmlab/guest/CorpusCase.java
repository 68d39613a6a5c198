package vmlab.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One corpus program with its arguments and stdin, and what qemu-riscv32 printed for it when it was recorded. */
record CorpusCase(String name, String program, List<String> args, byte[] stdin, int recordedExit, String recordedStdout) {

    static CorpusCase read(String name, String program, List<String> args, Path expectedDir) {
        try {
            Path stdinFile = expectedDir.resolve(name + ".stdin");
            byte[] stdin = Files.exists(stdinFile) ? Files.readAllBytes(stdinFile) : new byte[0];
            List<String> recorded = Files.readAllLines(expectedDir.resolve(name + ".out"));
            if (recorded.isEmpty() || !recorded.get(0).startsWith("exit ")) {
                throw new IllegalStateException(expectedDir.resolve(name + ".out") + " must start with `exit N`");
            }
            int exit = Integer.parseInt(recorded.get(0).substring("exit ".length()));
            String stdout = String.join("\n", recorded.subList(1, recorded.size()));
            return new CorpusCase(name, program, List.copyOf(args), stdin, exit, stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("case " + name + " has no recorded output: run `make expected` in vm-lab/guest", e);
        }
    }

    Path elf() {
        return GuestCorpus.elf(program);
    }

    GuestRun runOn(GuestRunner runner, Path labDir) {
        return runner.run(elf(), args, stdin, labDir);
    }

    @Override
    public String toString() {
        return name + ": " + program + (args.isEmpty() ? "" : " " + String.join(" ", args))
                + (stdin.length > 0 ? " < " + name + ".stdin" : "");
    }
}
