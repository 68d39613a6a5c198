package vmlab.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Starts Debian's real ipykernel, the reference kernel our client must drive exactly as Jupyter does. */
final class IPythonKernel {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private IPythonKernel() {
    }

    static KernelProcess.Launch launch() {
        requireIpykernel();
        // -f names the connection file; HistoryManager off so parallel test kernels do not share a sqlite file.
        return KernelProcess.command(List.of(PYTHON.toString(), "-m", "ipykernel_launcher", "-f", "{connection_file}",
                "--HistoryManager.enabled=False"));
    }

    static KernelProcess start() {
        return launch().start();
    }

    static void requireIpykernel() {
        if (!Files.isExecutable(PYTHON)) {
            fail("/usr/bin/python3 is missing: install the Debian package python3-ipykernel");
        }
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import ipykernel").redirectErrorStream(true).start();
            if (probe.waitFor() != 0) {
                fail("ipykernel is not importable by /usr/bin/python3: install the Debian package python3-ipykernel");
            }
        } catch (Exception e) {
            fail("cannot run /usr/bin/python3 (install python3-ipykernel): " + e);
        }
    }
}
