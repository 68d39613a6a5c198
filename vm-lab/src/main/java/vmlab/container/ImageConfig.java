package vmlab.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an image says about running it (the "config" of an OCI image): the program and arguments, the environment, the
 * working directory and labels. A container's command line is the entrypoint followed by the command ({@code CMD}),
 * and {@code run IMAGE ARGS...} replaces the command, as with Docker.
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, Map<String, String> env, String workingDir,
                          Map<String, String> labels) {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = Map.copyOf(env);
        workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
        labels = Map.copyOf(labels);
        if (!workingDir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be an absolute path, not '" + workingDir + "'");
        }
    }

    /** An image that runs {@code command} (no entrypoint), with PATH set as Docker's default. */
    public static ImageConfig command(String... command) {
        return new ImageConfig(List.of(), List.of(command), Map.of("PATH", DEFAULT_PATH), "/", Map.of());
    }

    public ImageConfig withEntrypoint(String... program) {
        return new ImageConfig(List.of(program), cmd, env, workingDir, labels);
    }

    public ImageConfig withCmd(String... command) {
        return new ImageConfig(entrypoint, List.of(command), env, workingDir, labels);
    }

    public ImageConfig withEnv(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(name, value);
        return new ImageConfig(entrypoint, cmd, e, workingDir, labels);
    }

    public ImageConfig withWorkingDir(String directory) {
        return new ImageConfig(entrypoint, cmd, env, directory, labels);
    }

    public ImageConfig withLabel(String name, String value) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put(name, value);
        return new ImageConfig(entrypoint, cmd, env, workingDir, l);
    }

    /** The command line of a container: entrypoint + (the arguments given to run, or else CMD). */
    public List<String> commandLine(List<String> arguments) {
        List<String> line = new ArrayList<>(entrypoint);
        line.addAll(arguments.isEmpty() ? cmd : arguments);
        return line;
    }
}
