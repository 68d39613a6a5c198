package vmlab.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vmlab.kernel.KernelSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code vmlab install [--user | --sys-prefix | --prefix DIR]}: registers the kernel with Jupyter, in the directories
 * {@code jupyter --paths} lists: the user's data dir, the Python environment's {@code share/jupyter}, or DIR/share/jupyter.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install the VM Lab kernelspec (\"" + KernelSpec.DISPLAY_NAME + "\") into Jupyter.")
final class InstallCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Where where = new Where();

    static final class Where {
        @Option(names = "--user", description = "Into the user's Jupyter data directory (default).")
        boolean user;

        @Option(names = "--sys-prefix", description = "Into the Python environment Jupyter runs in (sys.prefix/share/jupyter).")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Into DIR/share/jupyter (as in jupyter kernelspec install --prefix).")
        Path prefix;
    }

    @Option(names = "--jar", paramLabel = "JAR", description = "The kernel jar (default: the jar this command runs from).")
    Path jar;

    @Option(names = "--reference", description = "Reference the jar where it is instead of copying it next to kernel.json.")
    boolean reference;

    @Override
    public Integer call() throws Exception {
        Path kernelJar = jar != null ? jar : runningJar();
        if (kernelJar == null || !Files.isRegularFile(kernelJar)) {
            System.err.println("vmlab install: not running from vmlab.jar; build it (mvn package) and run java -jar kernel/target/vmlab.jar install, or pass --jar");
            return 2;
        }
        Path dataDir = dataDirectory();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        KernelSpec.Installed installed = KernelSpec.install(dataDir, kernelJar, !reference, java);
        System.out.println("Installed kernelspec " + KernelSpec.NAME + " (\"" + KernelSpec.DISPLAY_NAME + "\") in " + installed.directory());
        System.out.println((installed.copied() ? "  copied the kernel jar to " : "  kernel.json references the jar at ") + installed.jar());
        System.out.println("  the kernel runs with " + java);
        System.out.println("Start Jupyter and choose \"" + KernelSpec.DISPLAY_NAME + "\", or: jupyter nbconvert --execute --ExecutePreprocessor.kernel_name=vmlab NOTEBOOK");
        return 0;
    }

    private Path dataDirectory() throws IOException, InterruptedException {
        if (where.prefix != null) {
            return where.prefix.toAbsolutePath().resolve("share").resolve("jupyter");
        }
        if (where.sysPrefix) {
            return Path.of(pythonSysPrefix()).resolve("share").resolve("jupyter");
        }
        return userDataDirectory();
    }

    /** jupyter_core's rule: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter (Linux). */
    static Path userDataDirectory() {
        String explicit = System.getenv("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter");
    }

    /** sys.prefix of the Python that runs {@code jupyter}: the interpreter named on the jupyter script's first line. */
    private static String pythonSysPrefix() throws IOException, InterruptedException {
        String python = "/usr/bin/python3";
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path script = Path.of(dir, "jupyter");
            if (Files.isRegularFile(script)) {
                String first = Files.readAllLines(script, StandardCharsets.ISO_8859_1).stream().findFirst().orElse("");
                if (first.startsWith("#!") && first.contains("python")) {
                    python = first.substring(2).trim().split("\\s+")[0];
                }
                break;
            }
        }
        Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("Cannot ask " + python + " for sys.prefix: " + out);
        }
        return out;
    }

    private static Path runningJar() {
        try {
            Path p = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
