package vmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.display.Renderers;
import vmlab.lab.Lab;
import vmlab.lab.LabHypervisor;
import vmlab.lab.LabVm;

/**
 * The check that NotebooksExecuteIT runs on every executed lesson: it catches the outputs issue 20 found (unrounded
 * decimals, "1 columns", cells the notebook would right-align), and passes what the renderers draw today.
 */
class RenderedOutputsTest {

    private static String html(Object value) {
        return Renderers.standard().render(value).data().get("text/html");
    }

    @Test
    void theRenderersOutputReadsRight() {
        Table oneByOne = Table.create("t", DoubleColumn.create("ms", 9.821510000000002));
        Table measured = Table.create("where the time went", StringColumn.create("work", "idle", "quicksort 100"),
                DoubleColumn.create("s", 9.821510000000002, 1.2978478928571428),
                LongColumn.create("switches", 1_234_567L, 0L));
        assertEquals(List.of(), RenderedOutputs.problems(html(oneByOne)));
        assertEquals(List.of(), RenderedOutputs.problems(html(measured)));
        LabHypervisor host = Lab.hypervisor(32);
        LabVm vm = host.vm("b", "fib", "12").powerOn();
        host.run();
        assertEquals(List.of(), RenderedOutputs.problems(host.toHtml()), host.toHtml());
        assertEquals(List.of(), RenderedOutputs.problems(vm.toHtml()), vm.toHtml());
    }

    @Test
    void whatIssue20FoundIsCaught() {
        List<String> problems = RenderedOutputs.problems("<table><caption>t (3 rows \u00d7 1 columns)</caption>"
                + "<tr><th>work</th><th>s</th></tr><tr><td>idle</td><td>9.821510000000002</td></tr>"
                + "<tr><td style=\"text-align:right\">quicksort 100</td><td style=\"text-align:left\">1.18</td></tr></table>");
        assertTrue(problems.stream().anyMatch(p -> p.contains("'9.821510000000002' shows more digits")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'1 columns'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'idle' has no alignment")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'quicksort 100' is aligned right in a column of text")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'1.18' is aligned left in a column of numbers")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'work' has no alignment")), "headers too: " + problems);
    }

    @Test
    void aNotebookNamesTheCellOfEachProblem() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode notebook = json.createObjectNode();
        ObjectNode quiet = notebook.putArray("cells").addObject();
        quiet.putArray("outputs").addObject().putObject("data").put("text/plain", "1.2978478928571428");
        ObjectNode loud = ((com.fasterxml.jackson.databind.node.ArrayNode) notebook.get("cells")).addObject();
        loud.putArray("outputs").addObject().putObject("data").putArray("text/html")
                .add("<div>median ").add("1.2978478928571428 ms</div>");
        assertEquals(List.of("cell 2: '1.2978478928571428' shows more digits than a measurement has"),
                RenderedOutputs.problems(notebook));
    }

    @Test
    void significantDigitsAreCountedAsWritten() {
        assertEquals(3, RenderedOutputs.significantDigits("9.82"));
        assertEquals(3, RenderedOutputs.significantDigits("0.000123"));
        assertEquals(6, RenderedOutputs.significantDigits("12,345.6"));
        assertEquals(17, RenderedOutputs.significantDigits("2.9659162500000003"));
    }
}
