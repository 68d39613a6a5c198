package vmlab.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Where the kernel process logs: standard error (which Jupyter shows in its terminal, never in a notebook) or a file,
 * at WARNING unless asked otherwise. Only the {@code vmlab kernel} command configures this; a JVM that embeds a
 * kernel keeps its own logging.
 */
public final class KernelLog {

    private KernelLog() {
    }

    public static void configure(Level level, Path file) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = file != null
                ? new FileHandler(file.toString(), true)
                : new StreamHandler(StandardStreams.originalErr(), new SimpleFormatter()) {
                    @Override
                    public synchronized void publish(java.util.logging.LogRecord record) {
                        super.publish(record);
                        flush();
                    }
                };
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(level);
        root.setLevel(level);
        root.addHandler(handler);
        // jeromq and the base may log through other frameworks; keep them at the same level.
        Logger.getLogger("org.zeromq").setLevel(level);
    }
}
