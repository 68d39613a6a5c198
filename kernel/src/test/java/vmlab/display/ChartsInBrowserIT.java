package vmlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vmlab.notebook.MultilineText;

/**
 * Charts as a reader of an exported notebook sees them: a notebook with a ladder, a live chart, a progress bar and a
 * multi-series chart runs under the real {@code jupyter nbconvert --execute} with our kernelspec, is exported with
 * {@code nbconvert --to html}, and opened in headless Chromium. A script in the page reports every image: it must
 * have loaded, be drawn at twice its on-page size, and not be blank. A screenshot is kept in target/browser/.
 */
class ChartsInBrowserIT {

    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs in the page after load; writes what it finds about each image into a {@code <pre>} that --dump-dom shows. */
    private static final String IMAGE_CHECK = """
            <script>
            window.addEventListener('load', function () {
              var found = [];
              document.querySelectorAll('img').forEach(function (img) {
                var box = img.getBoundingClientRect();
                var inked = -1;
                if (img.complete && img.naturalWidth > 0) {
                  var canvas = document.createElement('canvas');
                  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                  var g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
                  var px = g.getImageData(0, 0, canvas.width, canvas.height).data;
                  inked = 0;
                  for (var i = 0; i < px.length; i += 4) { if (px[i] < 200 || px[i+1] < 200 || px[i+2] < 200) inked++; }
                }
                found.push({kind: 'img', complete: img.complete, naturalWidth: img.naturalWidth,
                  naturalHeight: img.naturalHeight, width: box.width, height: box.height, inked: inked});
              });
              document.querySelectorAll('.jp-OutputArea-output svg, .output_svg svg').forEach(function (svg) {
                var box = svg.getBoundingClientRect();
                found.push({kind: 'svg', width: box.width, height: box.height,
                  shapes: svg.querySelectorAll('path, rect, line, polyline, polygon, circle').length});
              });
              var pre = document.createElement('pre');
              pre.id = 'vmlab-image-check';
              pre.textContent = JSON.stringify(found);
              document.body.appendChild(pre);
            });
            </script>
            """;

    private static final List<String> CELLS = List.of(
            """
            var runs = Table.create("runs",
                StringColumn.create("configuration", "native", "fast interpreter", "reference interpreter"),
                DoubleColumn.create("seconds", 0.12, 3.1, 44.0));
            Charts.ladder(runs, "configuration", "seconds").baseline("native").title("Cost of emulation")""",
            """
            try (var live = Charts.live("Warm-up").xAxis("time", "s").yAxis("speed", "MIPS")) {
                for (int i = 0; i < 300; i++) {
                    live.add("block compiler", i * 0.01, 200 * (1 - Math.exp(-i / 60.0)));
                    Thread.sleep(2);
                }
            }""",
            """
            var bar = Charts.progress("Benchmarks");
            for (int i = 1; i <= 20; i++) { Thread.sleep(5); bar.progress(i, 20, "run " + i); }""",
            """
            var sweep = Table.create("sweep", IntColumn.create("users"), DoubleColumn.create("response_ms"),
                StringColumn.create("quantum"));
            for (String q : List.of("1 ms", "10 ms", "100 ms"))
                for (int u = 1; u <= 10; u++) {
                    sweep.intColumn("users").append(u);
                    sweep.doubleColumn("response_ms").append(u * Math.sqrt(Double.parseDouble(q.split(" ")[0])));
                    sweep.stringColumn("quantum").append(q);
                }
            Charts.lines(sweep, "users", "response_ms", "quantum").yAxis("response time", "ms")""");

    private record Run(int exit, String output) {
    }

    @Test
    void exportedNotebookShowsEveryChartAsALoadedSharpImage(@TempDir Path dir) throws Exception {
        requireTools();
        Path jar = Path.of("target", "vmlab.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the integration tests need " + jar + " (mvn verify builds it)");
        Run install = run(List.of(java(), "-jar", jar.toString(), "install", "--prefix", dir.resolve("prefix").toString(),
                "--reference"), Map.of(), 120);
        assertEquals(0, install.exit(), install.output());
        Map<String, String> env = Map.of("JUPYTER_PATH", dir.resolve("prefix/share/jupyter").toString());

        Path notebook = dir.resolve("charts.ipynb");
        JSON.writerWithDefaultPrettyPrinter().writeValue(notebook.toFile(), notebook());
        Run execute = run(List.of(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=vmlab", "--ExecutePreprocessor.timeout=300", "--output", "executed",
                notebook.toString()), env, 600);
        assertEquals(0, execute.exit(), execute.output());
        JsonNode executed = JSON.readTree(dir.resolve("executed.ipynb").toFile());
        assertSavedNotebookKeepsTheFinalStates(executed);

        Run html = run(List.of(JUPYTER.toString(), "nbconvert", "--to", "html", "--output", "executed",
                dir.resolve("executed.ipynb").toString()), env, 300);
        assertEquals(0, html.exit(), html.output());
        String page = Files.readString(dir.resolve("executed.html"));
        Path checked = dir.resolve("checked.html");
        Files.writeString(checked, page.replace("</body>", IMAGE_CHECK + "</body>"));

        JsonNode images = imagesReportedByChromium(checked);
        List<JsonNode> imgs = new ArrayList<>();
        images.forEach(image -> {
            if (image.path("kind").asText().equals("img")) {
                imgs.add(image);
            } else {
                assertTrue(image.path("shapes").asInt() > 0, "an SVG output that draws nothing: " + image);
            }
        });
        assertEquals(3, imgs.size(), "ladder, live chart and response-time chart: " + images);
        for (JsonNode img : imgs) {
            assertTrue(img.path("complete").asBoolean() && img.path("naturalWidth").asInt() > 0, "not loaded: " + img);
            assertEquals(640.0, img.path("width").asDouble(), 0.5, "shown at its logical width: " + img);
            assertEquals(400.0, img.path("height").asDouble(), 0.5, "shown at its logical height: " + img);
            assertEquals(1280, img.path("naturalWidth").asInt(), "drawn at 2x for sharp display: " + img);
            assertTrue(img.path("inked").asInt() > 5_000, "the image shows a chart, not a blank: " + img);
        }
        keepScreenshot(dir.resolve("executed.html"));
    }

    private static void assertSavedNotebookKeepsTheFinalStates(JsonNode executed) {
        List<String> texts = new ArrayList<>();
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                assertFalse(output.path("output_type").asText().equals("error"), "a cell failed: " + output);
                texts.add(MultilineText.join(output.path("data").path("text/plain")));
            }
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains("reference interpreter") && t.contains("367×")), "" + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("block compiler: 300 points")),
                "the live chart's final update, with every point, is what the notebook keeps: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("20/20 (100%)")), "the progress bar's final state: " + texts);
    }

    private static ObjectNode notebook() {
        ObjectNode notebook = JSON.createObjectNode();
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        ObjectNode spec = notebook.putObject("metadata").putObject("kernelspec");
        spec.put("name", "vmlab").put("display_name", "VM Lab (Java)").put("language", "java");
        ArrayNode cells = notebook.putArray("cells");
        int n = 0;
        for (String source : CELLS) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").put("id", "cell-" + n++).putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.put("source", source);
        }
        return notebook;
    }

    private static JsonNode imagesReportedByChromium(Path page) throws Exception {
        Run dom = run(chromium("--virtual-time-budget=10000", "--dump-dom", page.toUri().toString()), Map.of(), 120);
        Matcher report = Pattern.compile("<pre id=\"vmlab-image-check\">([^<]*)</pre>").matcher(dom.output());
        if (!report.find()) {
            fail("the page's image check did not run in Chromium:\n" + tail(dom.output()));
        }
        return JSON.readTree(report.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
    }

    private static void keepScreenshot(Path page) throws Exception {
        Path shots = Path.of("target", "browser").toAbsolutePath();
        Files.createDirectories(shots);
        Path shot = shots.resolve("charts-notebook.png");
        Run run = run(chromium("--hide-scrollbars", "--window-size=1000,2400", "--virtual-time-budget=10000",
                "--screenshot=" + shot, page.toUri().toString()), Map.of(), 120);
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + ":\n" + tail(run.output()));
    }

    private static List<String> chromium(String... args) {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"));
        command.addAll(List.of(args));
        return command;
    }

    private static void requireTools() throws Exception {
        if (!Files.isExecutable(JUPYTER)) {
            fail("missing " + JUPYTER + ": apt-get install jupyter-nbconvert");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            fail("missing " + CHROMIUM + ": apt-get install chromium");
        }
        for (String[] module : new String[][] {{"nbconvert", "jupyter-nbconvert"}, {"nbclient", "python3-nbclient"}}) {
            Run probe = run(List.of(PYTHON.toString(), "-c", "import " + module[0]), Map.of(), 60);
            if (probe.exit() != 0) {
                fail("Python module " + module[0] + " is missing: apt-get install " + module[1] + "\n" + probe.output());
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** Runs a command to completion (output and errors merged, read through a file so nothing blocks on a pipe). */
    private static Run run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        File log = File.createTempFile("vmlab-it", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + tail(Files.readString(log.toPath(), StandardCharsets.UTF_8)));
            }
            return new Run(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
