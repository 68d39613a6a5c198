package vmlab.evaluation;

import java.util.List;

/**
 * What every cell can use without an import: the lab's packages, Tablesaw, the display helpers and the usual JDK
 * packages. Packages that do not exist (yet) in this build are skipped when the kernel starts, not reported to the user.
 */
public final class DefaultImports {

    public static final List<String> IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import vmlab.lab.*;",
            "import vmlab.isa.*;",
            "import vmlab.machine.*;",
            "import vmlab.engine.*;",
            "import vmlab.os.*;",
            "import vmlab.measure.*;",
            "import vmlab.timesharing.*;",
            "import vmlab.exercises.*;",
            "import vmlab.hypervisor.*;",
            "import vmlab.container.*;",
            "import vmlab.cloud.*;",
            "import vmlab.charts.*;",
            "import tech.tablesaw.api.*;",
            "import static vmlab.display.Display.*;",
            // Test cells are JUnit assertions; students can check their work with the very calls the grader uses.
            "import static org.junit.jupiter.api.Assertions.*;");

    private DefaultImports() {
    }
}
