package vmlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vmlab} command line: one entry point for the kernel, the headless runner, the emulator, the benchmark and the grader.
 * Each subcommand is its own class in this package; add it to the list below.
 */
@Command(name = "vmlab",
        mixinStandardHelpOptions = true,
        versionProvider = VmLab.Version.class,
        description = "VM Lab: a Java Jupyter kernel and virtualization laboratory for teaching.",
        subcommands = {
                CommandLine.HelpCommand.class,
                EmuCommand.class,
                BenchCommand.class,
                KernelCommand.class,
                InstallCommand.class,
                RunCommand.class,
                AssignCommand.class,
                GradeCommand.class,
                ContainerCommand.class,
                DiskCommand.class,
        })
public final class VmLab implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run subcommands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new VmLab());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** The version comes from the jar manifest, written by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VmLab.class.getPackage().getImplementationVersion();
            return new String[] {"vmlab " + (v == null ? "development build" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
