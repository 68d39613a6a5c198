package vmlab.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jupyter project's own kernel conformance suite ({@code jupyter_kernel_test}) against the kernelspec that
 * {@code vmlab install} writes: every test runs (all sample attributes are filled) and passes.
 */
class JupyterKernelTestIT {

    /** KernelTests in jupyter_kernel_test 0.4.x has twelve test methods; a skip would mean a sample is missing. */
    private static final int KERNEL_TESTS = 12;

    @Test
    void jupyterKernelTestPassesEveryTestWithNoneSkipped(@TempDir Path prefix) throws Exception {
        RealJupyter.requirePythonModule("jupyter_kernel_test", "python3-jupyter-kernel-test");
        Path jupyterPath = RealJupyter.installKernelspec(prefix);

        RealJupyter.Run run = RealJupyter.run(
                List.of(RealJupyter.PYTHON.toString(), "-m", "unittest", "-v", "test_vmlab_kernel"),
                Path.of("src", "test", "python").toAbsolutePath(),
                Map.of("JUPYTER_PATH", jupyterPath.toString(), "PYTHONDONTWRITEBYTECODE", "1"), 600);

        String out = run.output();
        assertEquals(0, run.exit(), out);
        Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(out);
        assertTrue(ran.find(), out);
        assertTrue(Integer.parseInt(ran.group(1)) >= KERNEL_TESTS, out);
        assertTrue(out.contains("\nOK"), out);
        assertFalse(out.contains("skipped"), "a test was skipped:\n" + out);
        assertEquals(Integer.parseInt(ran.group(1)), Pattern.compile(" \\.\\.\\. ok").matcher(out).results().count(), out);
    }
}
