package vmlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.filesystem.LabFsEntry;
import vmlab.filesystem.LabFsImage;

/** {@code vmlab disk build|list|extract}: labOS's disk images (LabFS) from the host. */
@Command(name = "disk", mixinStandardHelpOptions = true,
        description = {"Build, list and extract labOS disk images (the LabFS format, see docs/labos.md)."},
        subcommands = {DiskCommand.Build.class, DiskCommand.ListFiles.class, DiskCommand.Extract.class},
        footer = {"", "Exit codes: 0 done; 2 bad input (a corrupted image, a missing folder: the message says what and where)."})
public final class DiskCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** Runs an action, turning bad input into a one-line message and exit code 2. */
    static int report(String command, IoAction action) {
        try {
            action.run();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("vmlab disk " + command + ": " + e.getMessage());
            return 2;
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Write a disk image holding every file of FOLDER (atomically: temp file, fsync, rename).")
    static final class Build implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FOLDER") private Path folder;
        @Parameters(index = "1", paramLabel = "IMAGE") private Path image;
        @Option(names = "--sectors", paramLabel = "N", description = "Image size in 512-byte sectors (default ${DEFAULT-VALUE}).")
        private int sectors = LabFsImage.DEFAULT_SECTORS;

        @Override
        public Integer call() {
            return report("build", () -> {
                if (!java.nio.file.Files.isDirectory(folder)) {
                    throw new IOException(folder + ": no such folder");
                }
                LabFsImage built = LabFsImage.fromFolder(folder, sectors);
                built.write(image);
                System.out.println("wrote " + image + ": " + built);
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the files of a disk image.")
    static final class ListFiles implements Callable<Integer> {
        @Parameters(paramLabel = "IMAGE") private Path image;

        @Override
        public Integer call() {
            return report("list", () -> {
                LabFsImage disk = LabFsImage.read(image);
                for (LabFsEntry e : disk.entries()) {
                    System.out.printf("%8d  %s%n", e.size(), e.name());
                }
                System.out.println(disk);
            });
        }
    }

    @Command(name = "extract", mixinStandardHelpOptions = true, description = "Copy every file of a disk image into FOLDER.")
    static final class Extract implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IMAGE") private Path image;
        @Parameters(index = "1", paramLabel = "FOLDER") private Path folder;

        @Override
        public Integer call() {
            return report("extract", () -> {
                LabFsImage disk = LabFsImage.read(image);
                disk.extractTo(folder);
                System.out.println("extracted " + disk.entries().size() + " files into " + folder);
            });
        }
    }
}
