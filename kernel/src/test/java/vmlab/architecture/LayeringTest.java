package vmlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's layers, stated as code. vm-lab's packages follow the course from the bottom up: the instruction set,
 * the machine, the engines that run it, the host OS, then what is built on the OS (time-sharing, hypervisors,
 * containers), then measurement, the cloud, and the lab facade a notebook cell uses first. Below them all sits
 * {@code vmlab.html}, the escaping and table cells every lab object's notebook card is made of, which knows nothing of the
 * course. A package may use the layers below it, never one above it or one beside it. The charts know nothing of the
 * lab, and the Jupyter kernel sits on top of everything. The Jupyter wire protocol ({@code vmlab.jupyter}) is one
 * package that the kernel and the client share, and it needs nothing else of the project. No two packages depend on
 * each other, in any module.
 */
@AnalyzeClasses(packages = "vmlab", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    static final List<List<String>> VM_LAB_LAYERS = List.of(
            List.of("html"),                // escaping, aligned table cells, significant digits: shared by every card
            List.of("isa", "filesystem"),   // filesystem: LabFS images, labOS's disk format; it needs nothing of the lab
            List.of("machine"),
            List.of("engine"),
            List.of("os"),
            List.of("timesharing", "hypervisor", "container"),
            List.of("measure"),
            List.of("cloud"),
            List.of("lab"));

    static final String[] KERNEL_PACKAGES = {"vmlab.kernel..", "vmlab.cli..", "vmlab.display..", "vmlab.evaluation.."};

    @ArchTest
    void vmLabLayersPointDown(JavaClasses classes) {
        for (int level = 0; level < VM_LAB_LAYERS.size(); level++) {
            for (String name : VM_LAB_LAYERS.get(level)) {
                List<String> forbidden = new ArrayList<>();
                for (int other = level; other < VM_LAB_LAYERS.size(); other++) {
                    for (String above : VM_LAB_LAYERS.get(other)) {
                        if (!above.equals(name)) {
                            forbidden.add("vmlab." + above + "..");
                        }
                    }
                }
                if (!forbidden.isEmpty()) {
                    noClasses().that().resideInAPackage("vmlab." + name + "..")
                            .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                            .because(name + " sits below " + String.join(", ", forbidden) + " in the course's layers")
                            .allowEmptyShould(true)
                            .check(classes);
                }
            }
        }
    }

    @ArchTest
    void chartsKnowNothingOfTheLab(JavaClasses classes) {
        List<String> lab = new ArrayList<>();
        VM_LAB_LAYERS.forEach(layer -> layer.forEach(name -> lab.add("vmlab." + name + "..")));
        lab.addAll(List.of(KERNEL_PACKAGES));
        lab.addAll(List.of("vmlab.exercises..", "vmlab.grading..", "vmlab.client..", "vmlab.notebook..", "vmlab.jupyter.."));
        noClasses().that().resideInAPackage("vmlab.charts..")
                .should().dependOnClassesThat().resideInAnyPackage(lab.toArray(String[]::new))
                .because("a chart is drawn from a table; it must not depend on what produced the table")
                .check(classes);
    }

    @ArchTest
    void theJupyterKernelSitsOnTop(JavaClasses classes) {
        noClasses().that().resideOutsideOfPackages(KERNEL_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(KERNEL_PACKAGES)
                .because("the lab, the charts and the grader must work without the Jupyter kernel")
                .check(classes);
    }

    @ArchTest
    void theWireProtocolNeedsNothingElseOfTheProject(JavaClasses classes) {
        noClasses().that().resideInAPackage("vmlab.jupyter..")
                .should().dependOnClassesThat().resideOutsideOfPackages("vmlab.jupyter..", "java..", "javax..",
                        "com.fasterxml.jackson..", "org.zeromq..")
                .because("the kernel and every client (runner, grader) speak the protocol through this one package, "
                        + "so it must not pull in notebooks, grading or the lab")
                .check(classes);
    }

    @ArchTest
    void noTwoPackagesDependOnEachOther(JavaClasses classes) {
        slices().matching("vmlab.(*)..").should().beFreeOfCycles()
                .because("a cycle makes two packages one: neither can be understood, tested or replaced alone")
                .check(classes);
    }
}
