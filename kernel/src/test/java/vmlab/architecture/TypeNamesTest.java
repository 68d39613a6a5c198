package vmlab.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vmlab.evaluation.DefaultImports;

/**
 * Every type name says one thing. The kernel imports the lab's packages into every notebook cell, so two public types
 * with the same simple name would make a cell ambiguous, and one named like a JDK type a cell also imports would hide it.
 */
class TypeNamesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProject() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vmlab");
    }

    private static List<JavaClass> publicTopLevel() {
        return classes.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> c.getEnclosingClass().isEmpty()).toList();
    }

    @Test
    void noTwoPublicTypesShareASimpleName() {
        Map<String, List<String>> byName = publicTopLevel().stream().collect(Collectors.groupingBy(
                JavaClass::getSimpleName, TreeMap::new, Collectors.mapping(JavaClass::getName, Collectors.toList())));
        List<String> clashes = new ArrayList<>();
        byName.forEach((name, types) -> {
            if (types.size() > 1) {
                clashes.add(name + ": " + types);
            }
        });
        assertTrue(clashes.isEmpty(), "public types sharing a simple name: " + clashes);
    }

    @Test
    void nothingImportedIntoCellsHidesAJdkOrTablesawType() {
        List<String> importedPackages = DefaultImports.IMPORTS.stream()
                .filter(i -> i.startsWith("import ") && !i.startsWith("import static") && i.endsWith(".*;"))
                .map(i -> i.substring("import ".length(), i.length() - 3)).toList();
        List<String> libraryPackages = importedPackages.stream().filter(p -> !p.startsWith("vmlab.")).toList();
        List<String> clashes = new ArrayList<>();
        for (JavaClass type : publicTopLevel()) {
            if (!importedPackages.contains(type.getPackageName())) {
                continue;
            }
            for (String library : libraryPackages) {
                try {
                    Class.forName(library + "." + type.getSimpleName(), false, TypeNamesTest.class.getClassLoader());
                    clashes.add(type.getName() + " hides " + library + "." + type.getSimpleName());
                } catch (ClassNotFoundException expected) {
                    // no library type of that name: no clash
                }
            }
        }
        assertTrue(clashes.isEmpty(), "cell imports that clash: " + clashes);
    }

    /**
     * In a notebook the Jupyter kernel is always in reach, so the lab's operating system is the "host OS" in code: no public
     * type of {@code vmlab.os}, which cells import, is named for a kernel.
     */
    @Test
    void theHostOsIsNotCalledAKernelWhereTheJupyterKernelIsInReach() {
        List<String> kernels = publicTopLevel().stream().filter(c -> c.getPackageName().equals("vmlab.os"))
                .map(JavaClass::getSimpleName).filter(name -> name.contains("Kernel")).toList();
        assertTrue(kernels.isEmpty(), "host OS types named for a kernel: " + kernels);
    }
}
