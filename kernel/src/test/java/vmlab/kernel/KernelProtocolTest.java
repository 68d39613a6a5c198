package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel as a Jupyter client sees it, over real ZeroMQ sockets on loopback. Several tests pin defects of the
 * jjava base kernel; each says which, and would fail against it.
 */
class KernelProtocolTest {

    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        client = TestClient.onFreshKernel();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void quiet() {
        client.drainIopub();
    }

    @Test
    void kernelInfoReplyCarriesStatusOk() {
        // Base defect: kernel_info_reply had no status, so clients checking it saw a failed reply.
        JupyterMessage request = client.send(client.shell, "kernel_info_request", JupyterMessage.object());
        JupyterMessage reply = client.reply(client.shell, request);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals("ok", reply.content().path("status").asText());
        assertEquals("java", reply.content().path("language_info").path("name").asText());
        assertEquals(JupyterMessage.PROTOCOL_VERSION, reply.content().path("protocol_version").asText());
    }

    @Test
    void aMessageWithABadSignatureIsIgnoredAndTheNextRequestIsAnswered() {
        // Base defect: a bad HMAC threw out of the shell loop and the kernel never answered again.
        JupyterMessage forged = JupyterMessage.request("kernel_info_request", client.session, "test", JupyterMessage.object());
        List<byte[]> frames = new ArrayList<>(client.encode(forged));
        int signature = frames.indexOf(frames.stream().filter(f -> new String(f, StandardCharsets.US_ASCII).equals("<IDS|MSG>"))
                .findFirst().orElseThrow()) + 1;
        frames.set(signature, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        client.sendFrames(client.shell, frames);

        JupyterMessage good = client.send(client.shell, "kernel_info_request", JupyterMessage.object());
        JupyterMessage reply = client.reply(client.shell, good);
        assertEquals(good.id(), reply.parentHeader().path("msg_id").asText(), "the first reply answers the good request");
        assertEquals("2", client.execute("1 + 1").result(), "and the shell keeps executing");
    }

    @Test
    void timestampsAreIso8601WithMicroseconds() {
        // Base defect: dates had minute resolution, so clients could not order messages within a minute.
        JupyterMessage request = client.send(client.shell, "kernel_info_request", JupyterMessage.object());
        String date = client.reply(client.shell, request).header().path("date").asText();
        assertTrue(date.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), date);
    }

    @Test
    void historyIsAnsweredByTailRangeAndSearch() {
        // Base defect: history_request got no reply at all.
        client.execute("int historyMarker = 41;");
        TestClient.Executed last = client.execute("historyMarker + 1");
        int line = last.reply().content().path("execution_count").asInt();

        JsonNode tail = history(JupyterMessage.object().put("hist_access_type", "tail").put("n", 2).put("output", true).put("raw", true));
        assertEquals(2, tail.size());
        assertEquals("historyMarker + 1", tail.get(1).get(2).get(0).asText());
        assertEquals("42", tail.get(1).get(2).get(1).asText());

        JsonNode range = history(JupyterMessage.object().put("hist_access_type", "range").put("session", History.SESSION)
                .put("start", line).put("stop", line + 1).put("output", false).put("raw", true));
        assertEquals(1, range.size());
        assertEquals(line, range.get(0).get(1).asInt());

        JsonNode search = history(JupyterMessage.object().put("hist_access_type", "search").put("pattern", "*historyMarker*")
                .put("output", false).put("raw", true));
        assertTrue(search.size() >= 2, search.toString());
    }

    private JsonNode history(com.fasterxml.jackson.databind.node.ObjectNode request) {
        JupyterMessage sent = client.send(client.shell, "history_request", request);
        JupyterMessage reply = client.reply(client.shell, sent);
        assertEquals("ok", reply.content().path("status").asText());
        return reply.content().path("history");
    }

    @Test
    void heartbeatEchoesEachPingUnchanged() {
        for (int i = 0; i < 21; i++) {
            byte[] ping = ("ping " + i).getBytes(StandardCharsets.US_ASCII);
            client.heartbeat.send(ping, 0);
            assertArrayEquals(ping, client.heartbeat.recv(0));
        }
    }

    @Test
    void streamsComeBeforeTheResultAndTheResultIsTheLastExpression() {
        TestClient.Executed run = client.execute("System.out.println(\"hello, world\");\nSystem.err.println(\"careful\");\n6 * 7");
        assertEquals("ok", run.status());
        assertEquals("hello, world\n", run.stdout());
        assertEquals("42", run.result());
        List<String> order = run.outputs().stream().map(JupyterMessage::type).toList();
        assertTrue(order.indexOf("stream") < order.indexOf("execute_result"), order.toString());
    }

    @Test
    void anInterruptStopsACpuBoundLoopAndKeepsTheVariables() throws Exception {
        client.execute("String survivor = \"still here\";");
        JupyterMessage loop = client.send(client.shell, "execute_request", JupyterMessage.object().put("code", "{\n    System.out.println(\"spinning\");\n    while (true) {}\n}")
                .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true));
        client.awaitPrinted(loop, "spinning");
        long start = System.nanoTime();
        JupyterMessage interrupt = client.send(client.control, "interrupt_request", JupyterMessage.object());
        assertEquals("ok", client.reply(client.control, interrupt).content().path("status").asText());
        JupyterMessage reply = client.reply(client.shell, loop);
        long ms = (System.nanoTime() - start) / 1_000_000;
        JsonNode shown = client.outputs(loop).stream().filter(m -> m.type().equals("error")).findFirst()
                .orElseThrow(() -> new AssertionError("no error output for the interrupted cell")).content();
        assertEquals("error", reply.content().path("status").asText());
        assertEquals("Interrupted", reply.content().path("ename").asText());
        assertTrue(ms < 2_000, "the loop stopped " + ms + " ms after the interrupt");
        // The message the student reads: one line each, no empty line at the end (the classic Notebook adds one
        // newline after the traceback itself; a trailing one of ours would show as a blank line under it).
        assertFalse(shown.path("evalue").asText().endsWith("\n"), shown.toString());
        assertTrue(shown.path("traceback").size() >= 1, shown.toString());
        for (JsonNode line : shown.path("traceback")) {
            assertFalse(line.asText().isBlank() || line.asText().endsWith("\n"), "a blank line in " + shown);
        }
        assertEquals("still here", client.execute("survivor").result());
    }

    @Test
    void anInterruptThatComesWhileTheKernelIsStillStartingIsNotLost() throws Exception {
        // A fresh kernel starts JShell in the background; the first cell waits for it. An interrupt sent then used to be
        // dropped (nothing was running yet), and the endless cell ran on once JShell was ready.
        try (TestClient fresh = TestClient.onKernelStillStarting()) {
            JupyterMessage loop = fresh.send(fresh.shell, "execute_request", JupyterMessage.object()
                    .put("code", "while (true) {}").put("silent", false).put("store_history", true)
                    .put("allow_stdin", false).put("stop_on_error", true));
            // Control and shell are separate channels: sent at once, the interrupt can be handled before the kernel has
            // even read the cell, and then there is rightly nothing to stop. Wait until the cell is announced.
            fresh.awaitStarted(loop);
            JupyterMessage interrupt = fresh.send(fresh.control, "interrupt_request", JupyterMessage.object());
            assertEquals("ok", fresh.reply(fresh.control, interrupt).content().path("status").asText());
            JupyterMessage reply = fresh.reply(fresh.shell, loop);
            assertEquals("Interrupted", reply.content().path("ename").asText(), reply.content().toString());
            // As a real client does, wait for idle before the next cell: until then the kernel may still be aborting
            // the cells that were queued behind the failed one, and a cell sent straight after the reply would be one.
            fresh.outputs(loop);
            TestClient.Executed next = fresh.execute("1 + 2");
            assertEquals("3", next.result(), () -> "the next cell runs: " + next.reply().content() + " "
                    + next.outputs().stream().map(m -> m.type() + " " + m.content()).toList());
        }
    }

    @Test
    void anInterruptBetweenCellsStopsNothing() {
        // Nothing runs, so nothing is stopped, and the interrupt must not be kept for the next cell.
        JupyterMessage interrupt = client.send(client.control, "interrupt_request", JupyterMessage.object());
        assertEquals("ok", client.reply(client.control, interrupt).content().path("status").asText());
        assertEquals("5000050000", client.execute("long sum = 0; for (int i = 1; i <= 100_000; i++) { sum += i; }\nsum")
                .result());
    }

    @Test
    void anInterruptStopsAMethodLoopDeepRecursionAndAStreamLambdaWithinTwoSeconds() {
        client.execute("String witness = \"kept\";");
        client.execute("void spinForever() { while (true) { } }");
        client.execute("long branch(int depth) { return depth == 0 ? 1 : branch(depth - 1) + branch(depth - 1); }");
        for (String code : List.of("spinForever();", "branch(20_000);",
                "java.util.stream.LongStream.iterate(0, i -> i + 1).filter(i -> i < 0).findFirst();")) {
            JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object()
                    .put("code", "{\n    System.out.println(\"running\");\n    " + code + "\n}")
                    .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true));
            client.awaitPrinted(cell, "running");
            long start = System.nanoTime();
            client.reply(client.control, client.send(client.control, "interrupt_request", JupyterMessage.object()));
            JupyterMessage reply = client.reply(client.shell, cell);
            long ms = (System.nanoTime() - start) / 1_000_000;
            client.outputs(cell);
            assertEquals("Interrupted", reply.content().path("ename").asText(), code);
            assertTrue(ms < 2_000, code + " stopped " + ms + " ms after the interrupt");
        }
        assertEquals("kept", client.execute("witness").result());
    }

    @Test
    void anInterruptThatLibraryCodeIgnoresIsWaitedForAndTheCellSaysSo() {
        // Four seconds inside a JDK call that ignores interrupts; a JDK timer thread ends it, so no cell code runs meanwhile.
        JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object().put("code", "{\n"
                        + "    var gate = new java.util.concurrent.Semaphore(0);\n"
                        + "    var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();\n"
                        + "    timer.schedule((Runnable) gate::release, 4, java.util.concurrent.TimeUnit.SECONDS);\n"
                        + "    System.out.println(\"waiting\");\n"
                        + "    gate.acquireUninterruptibly();\n"
                        + "    timer.shutdown();\n}")
                .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true));
        client.awaitPrinted(cell, "waiting");
        client.reply(client.control, client.send(client.control, "interrupt_request", JupyterMessage.object()));
        JupyterMessage reply = client.reply(client.shell, cell);
        List<JupyterMessage> outputs = client.outputs(cell);
        assertEquals("Interrupted", reply.content().path("ename").asText());
        assertTrue(outputs.stream().anyMatch(m -> m.content().path("name").asText().equals("stderr")
                        && m.content().path("text").asText().contains("Semaphore.acquireUninterruptibly")),
                "the cell's output names the call that holds it up: " + outputs);
    }

    @Test
    void anInterruptEndsASleepAndABlockedRead() throws Exception {
        for (String code : List.of("{\n    System.out.println(\"sleeping\");\n    Thread.sleep(60_000);\n}", "new Scanner(System.in).nextLine()")) {
            JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object().put("code", code)
                    .put("silent", false).put("store_history", true).put("allow_stdin", true).put("stop_on_error", true));
            if (code.contains("Scanner")) {
                assertEquals("input_request", client.nextStdin().type());
            } else {
                client.awaitPrinted(cell, "sleeping");
            }
            client.reply(client.control, client.send(client.control, "interrupt_request", JupyterMessage.object()));
            JupyterMessage reply = client.reply(client.shell, cell);
            client.outputs(cell);
            assertEquals("Interrupted", reply.content().path("ename").asText(), code);
        }
        assertEquals("2", client.execute("1 + 1").result());
    }

    @Test
    void systemExitIsReportedAsAnErrorAndTheKernelLives() {
        TestClient.Executed exit = client.execute("System.exit(0);");
        assertEquals("error", exit.status());
        assertEquals("vmlab.evaluation.SystemExitRefused", exit.reply().content().path("ename").asText());
        assertEquals(1, exit.ofType("error").size());
        assertEquals("3", client.execute("1 + 2").result());
    }

    @Test
    void anOutOfMemoryErrorLeavesTheKernelUsable() {
        TestClient.Executed oom = client.execute("long[] tooBig = new long[Integer.MAX_VALUE - 8];");
        assertEquals("java.lang.OutOfMemoryError", oom.reply().content().path("ename").asText());
        assertEquals("4", client.execute("2 + 2").result());
    }

    @Test
    void stdinRoundTripFeedsScanner() {
        JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object()
                .put("code", "System.out.print(\"Your name? \");\nString name = new Scanner(System.in).nextLine();\n\"Hello \" + name")
                .put("silent", false).put("store_history", true).put("allow_stdin", true).put("stop_on_error", true));
        JupyterMessage inputRequest = client.nextStdin();
        assertEquals("input_request", inputRequest.type());
        assertEquals(cell.id(), inputRequest.parentHeader().path("msg_id").asText());
        JupyterMessage answer = JupyterMessage.request("input_reply", client.session, "test", JupyterMessage.object().put("value", "Ada"));
        client.sendFrames(client.stdin, client.encode(new JupyterMessage(List.of(), answer.header(), inputRequest.header(),
                answer.metadata(), answer.content(), List.of())));
        JupyterMessage reply = client.reply(client.shell, cell);
        List<JupyterMessage> outputs = client.outputs(cell);
        assertEquals("ok", reply.content().path("status").asText(), reply.content().toString());
        String result = outputs.stream().filter(m -> m.type().equals("execute_result")).findFirst().orElseThrow()
                .content().path("data").path("text/plain").asText();
        assertEquals("Hello Ada", result);
    }

    @Test
    void inputAsksWithItsPromptAndPasswordHidesTheAnswer() {
        JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object()
                .put("code", "String user = input(\"User: \");\nString secret = password(\"Password: \");\nuser + \"/\" + secret.length()")
                .put("silent", false).put("store_history", true).put("allow_stdin", true).put("stop_on_error", true));
        for (String answer : List.of("ada", "hunter2")) {
            JupyterMessage asked = client.nextStdin();
            assertEquals(answer.equals("ada") ? "User: " : "Password: ", asked.content().path("prompt").asText());
            assertEquals(!answer.equals("ada"), asked.content().path("password").asBoolean());
            JupyterMessage reply = JupyterMessage.request("input_reply", client.session, "test", JupyterMessage.object().put("value", answer));
            client.sendFrames(client.stdin, client.encode(new JupyterMessage(List.of(), reply.header(), asked.header(),
                    reply.metadata(), reply.content(), List.of())));
        }
        client.reply(client.shell, cell);
        String result = client.outputs(cell).stream().filter(m -> m.type().equals("execute_result")).findFirst().orElseThrow()
                .content().path("data").path("text/plain").asText();
        assertEquals("ada/7", result);
    }

    @Test
    void displayThenUpdateDisplayShareTheDisplayId() {
        TestClient.Executed run = client.execute("String id = display(\"first\");\nupdateDisplay(id, \"second\");\nclearOutput(true);");
        assertEquals("ok", run.status());
        JupyterMessage shown = run.ofType("display_data").get(0);
        JupyterMessage updated = run.ofType("update_display_data").get(0);
        String id = shown.content().path("transient").path("display_id").asText();
        assertNotNull(id);
        assertEquals(id, updated.content().path("transient").path("display_id").asText());
        assertEquals("second", updated.content().path("data").path("text/plain").asText());
        assertTrue(run.ofType("clear_output").get(0).content().path("wait").asBoolean());
    }

    @Test
    void liveChartsUpdateThroughTheInstalledDisplaySurface() {
        // The charts module knows nothing of Jupyter: it shows and updates through vmlab.charts.DisplaySurface.
        TestClient.Executed run = client.execute("var surface = vmlab.charts.DisplaySurface.current();\n"
                + "String live = surface.show(\"0 rows\");\nsurface.update(live, \"100 rows\");");
        assertEquals("ok", run.status());
        String id = run.ofType("display_data").get(0).content().path("transient").path("display_id").asText();
        JupyterMessage update = run.ofType("update_display_data").get(0);
        assertEquals(id, update.content().path("transient").path("display_id").asText());
        assertEquals("100 rows", update.content().path("data").path("text/plain").asText());
    }

    @Test
    void aCooperativeLoopSeesTheInterrupt() throws Exception {
        // Lab engines check Thread.currentThread().isInterrupted() every few thousand guest instructions.
        JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object()
                .put("code", "long steps = 0;\n{\n    System.out.println(\"looping\");\n    while (!Thread.currentThread().isInterrupted()) steps++;\n    System.out.println(\"stopped cleanly\");\n}")
                .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true));
        client.awaitPrinted(cell, "looping");
        client.reply(client.control, client.send(client.control, "interrupt_request", JupyterMessage.object()));
        JupyterMessage reply = client.reply(client.shell, cell);
        List<JupyterMessage> outputs = client.outputs(cell);
        assertEquals("Interrupted", reply.content().path("ename").asText());
        assertTrue(outputs.stream().anyMatch(m -> m.content().path("text").asText().contains("stopped cleanly")),
                "the loop ended on its own, before any forced stop: " + outputs);
        assertTrue(Long.parseLong(client.execute("steps").result()) > 0);
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCell() {
        JupyterMessage cell = client.send(client.shell, "execute_request", JupyterMessage.object().put("code", "int watched = 6;")
                .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true)
                .set("user_expressions", JupyterMessage.object().put("double", "watched * 2").put("broken", "watched.length()")));
        JsonNode expressions = client.reply(client.shell, cell).content().path("user_expressions");
        client.outputs(cell);
        assertEquals("12", expressions.path("double").path("data").path("text/plain").asText(), expressions.toString());
        assertEquals("error", expressions.path("broken").path("status").asText(), expressions.toString());
    }

    @Test
    void afterAFailedCellTheQueuedCellsAreAborted() {
        JupyterMessage failing = client.send(client.shell, "execute_request", JupyterMessage.object().put("code", "throw new IllegalStateException(\"boom\");")
                .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true));
        JupyterMessage queued = client.send(client.shell, "execute_request", JupyterMessage.object().put("code", "int neverRuns = 1;")
                .put("silent", false).put("store_history", true).put("allow_stdin", false).put("stop_on_error", true));
        assertEquals("error", client.reply(client.shell, failing).content().path("status").asText());
        assertEquals("aborted", client.reply(client.shell, queued).content().path("status").asText());
        client.outputs(failing); // its idle comes after the aborts: the next test's cell must not be taken for a queued one
    }

    @Test
    void tablesRenderAsHtmlWithATextFallback() {
        TestClient.Executed run = client.execute("Table.create(\"cpu\", IntColumn.create(\"cycles\", 1, 2, 3))");
        JsonNode data = run.ofType("execute_result").get(0).content().path("data");
        assertTrue(data.path("text/html").asText().contains(">cycles</th>"), data.toString());
        assertTrue(data.path("text/plain").asText().contains("cycles"), data.toString());
        assertTrue(run.ofType("stream").isEmpty(), "no library warnings in the cell: " + run.outputs());
    }

    @Test
    void commInfoAndCompletionAndInspectionAnswer() {
        JupyterMessage comm = client.send(client.shell, "comm_info_request", JupyterMessage.object());
        assertEquals("ok", client.reply(client.shell, comm).content().path("status").asText());
        JupyterMessage complete = client.send(client.shell, "complete_request", JupyterMessage.object().put("code", "Math.ab").put("cursor_pos", 7));
        JsonNode matches = client.reply(client.shell, complete).content().path("matches");
        assertTrue(matches.toString().contains("abs("), matches.toString());
        JupyterMessage inspect = client.send(client.shell, "inspect_request", JupyterMessage.object().put("code", "Math.max").put("cursor_pos", 8).put("detail_level", 0));
        JsonNode found = client.reply(client.shell, inspect).content();
        assertTrue(found.path("found").asBoolean(), found.toString());
        JupyterMessage incomplete = client.send(client.shell, "is_complete_request", JupyterMessage.object().put("code", "if (true) {"));
        JsonNode answer = client.reply(client.shell, incomplete).content();
        assertEquals("incomplete", answer.path("status").asText());
        assertEquals("    ", answer.path("indent").asText());
    }
}
