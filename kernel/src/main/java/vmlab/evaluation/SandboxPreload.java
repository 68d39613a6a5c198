package vmlab.evaluation;

import vmlab.os.GuestCorpus;

/**
 * What the kernel's own code loads before the first cell runs, because a cell could not load it under the grading
 * sandbox. The sandbox gives code a student typed fewer rights than library code, and a library call made from a cell
 * runs with the cell's rights:
 * <ul>
 *   <li>Tablesaw's {@code Table} scans the class path for its file readers when the class initializes, and the scan
 *       creates a class loader;</li>
 *   <li>the guest corpus is read from the jar, which cell code may not open.</li>
 * </ul>
 * Done here once, in trusted code, {@code Table.create(...)} and {@code Guest.program("fib")} work in a graded cell
 * as they do in a student's notebook.
 */
final class SandboxPreload {

    private SandboxPreload() {
    }

    static void run() {
        try {
            Class.forName("tech.tablesaw.api.Table", true, SandboxPreload.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Broken or missing: a cell that uses it reports the problem itself.
        }
        try {
            GuestCorpus.names().forEach(GuestCorpus::program); // fills the corpus's cache of ELF bytes
        } catch (RuntimeException | LinkageError e) {
            // A corrupt program is reported when a cell asks for it.
        }
    }
}
