package vmlab.kernel;

import vmlab.jupyter.Json;
import vmlab.jupyter.JupyterMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The kernelspec Jupyter finds in {@code <data dir>/kernels/vmlab/kernel.json}: how to start this kernel.
 * <p>
 * {@code interrupt_mode} is "message": Jupyter then sends interrupt_request on the control channel, which the kernel
 * handles by stopping the cell. With "signal", Jupyter would send SIGINT, and SIGINT ends a JVM.
 */
public final class KernelSpec {

    public static final String NAME = "vmlab";
    public static final String DISPLAY_NAME = "VM Lab (Java)";

    private KernelSpec() {
    }

    /** What {@link #install} did, for the command to tell the user. */
    public record Installed(Path directory, Path jar, boolean copied) {
    }

    /**
     * Writes {@code kernels/vmlab/kernel.json} under {@code dataDir}. With {@code copyJar} the jar is copied next to it,
     * so the kernel keeps working after the build directory is cleaned; otherwise kernel.json references {@code jar}.
     */
    public static Installed install(Path dataDir, Path jar, boolean copyJar, Path javaExecutable) throws IOException {
        Path dir = dataDir.resolve("kernels").resolve(NAME);
        Files.createDirectories(dir);
        Path kernelJar = jar.toAbsolutePath().normalize();
        if (copyJar) {
            Path target = dir.resolve("vmlab.jar");
            if (!Files.isSameFile(kernelJar.getParent(), dir) || !kernelJar.getFileName().toString().equals("vmlab.jar")) {
                Files.copy(kernelJar, target, StandardCopyOption.REPLACE_EXISTING);
            }
            kernelJar = target.toAbsolutePath();
        }
        ObjectNode spec = JupyterMessage.object();
        ArrayNode argv = spec.putArray("argv");
        for (String arg : argv(javaExecutable, kernelJar)) {
            argv.add(arg);
        }
        spec.put("display_name", DISPLAY_NAME).put("language", "java").put("interrupt_mode", "message");
        spec.putObject("env");
        spec.putObject("metadata").put("debugger", false);
        Files.writeString(dir.resolve("kernel.json"), Json.pretty(spec));
        return new Installed(dir, kernelJar, copyJar);
    }

    /**
     * The command line: the JVM this installer runs on, headless AWT (charts render without a display), a serial GC
     * (a notebook kernel on a shared 2-core machine gains nothing from parallel GC threads), then the kernel.
     */
    static List<String> argv(Path java, Path jar) {
        return List.of(java.toString(), "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-Xss8m",
                "-jar", jar.toString(), "kernel", "{connection_file}");
    }
}
