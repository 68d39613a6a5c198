package vmlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vmlab.kernel.KernelLog;
import vmlab.kernel.KernelServer;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;

/** {@code vmlab kernel CONNECTION_FILE}: what Jupyter runs (see the kernelspec that {@code vmlab install} writes). */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Run the Jupyter kernel for a connection file written by a Jupyter front end.")
final class KernelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONNECTION_FILE", description = "The connection file (Jupyter passes {connection_file}).")
    Path connectionFile;

    @Option(names = "--log-file", description = "Log to this file instead of standard error.")
    Path logFile;

    @Option(names = "--log-level", description = "SEVERE, WARNING (default), INFO, FINE.", defaultValue = "WARNING")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        KernelLog.configure(Level.parse(logLevel), logFile);
        try (KernelServer kernel = KernelServer.start(connectionFile)) {
            kernel.awaitShutdown();
        }
        return 0;
    }
}
