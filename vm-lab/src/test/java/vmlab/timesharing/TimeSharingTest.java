package vmlab.timesharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import vmlab.engine.BlockCompiler;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.lab.Lab;
import vmlab.os.CycleAccount;
import vmlab.os.Policy;
import vmlab.os.TaskEvent;

class TimeSharingTest {

    @Test
    void theSameSeedGivesTheSameEventLogAndAnotherSeedAnotherOne() {
        TimeSharing ts = Lab.timeSharing().users(5).quantum(5_000).seed(7);
        List<SessionEvent> first = ts.run(Duration.ofSeconds(40)).log().events();
        List<SessionEvent> again = ts.run(Duration.ofSeconds(40)).log().events();
        List<SessionEvent> other = ts.seed(8).run(Duration.ofSeconds(40)).log().events();
        assertTrue(first.size() > 50, "a busy log: " + first.size());
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void eachUserThinksForTimesOfTheirOwn() {
        List<Double> firstSubmissions = Lab.timeSharing().users(8).run(Duration.ofSeconds(30)).log().events().stream()
                .filter(e -> e.event() == TaskEvent.SUBMITTED).map(SessionEvent::seconds).limit(8).toList();
        assertEquals(8, firstSubmissions.stream().distinct().count(), "eight users, eight moments: " + firstSubmissions);
    }

    @Test
    void everyEngineGivesTheSameLog() {
        TimeSharing ts = Lab.timeSharing().users(6).quantum(3_000);
        List<SessionEvent> reference = ts.engine(ReferenceInterpreter::new).run(Duration.ofSeconds(30)).log().events();
        assertEquals(reference, ts.engine(FastInterpreter::new).run(Duration.ofSeconds(30)).log().events());
        assertEquals(reference, ts.engine(BlockCompiler::new).run(Duration.ofSeconds(30)).log().events());
    }

    @Test
    void roundRobinAnswersSoonerThanBatchWhenShortJobsMeetLongOnes() {
        TimeSharing ts = Lab.timeSharing().users(10).quantum(10_000).thinkTime(Duration.ofSeconds(10))
                .mix(JobMix.of("loop 300000", "hello", "fib 12", "matmul 8", "sieve 1000"));
        SessionResult batch = ts.policy(Policy.BATCH).run(Duration.ofMinutes(2));
        SessionResult roundRobin = ts.policy(Policy.ROUND_ROBIN).run(Duration.ofMinutes(2));
        assertTrue(roundRobin.meanResponseSeconds() < 0.8 * batch.meanResponseSeconds(),
                "round-robin " + roundRobin.meanResponseSeconds() + " s vs batch " + batch.meanResponseSeconds() + " s");
        assertTrue(roundRobin.contextSwitches() > batch.contextSwitches(), "time-sharing pays with more switches");
    }

    @Test
    void aBillIsCpuTimeTimesThePricePlusConnectedMinutesTimesTheLinePrice() {
        Tariff tariff = new Tariff(2.0, 0.5);
        SessionResult result = Lab.timeSharing().users(4).tariff(tariff).run(Duration.ofMinutes(1));
        Table bills = result.bills();
        double billedCpu = 0;
        for (int r = 0; r < bills.rowCount(); r++) {
            double cpu = bills.doubleColumn("cpu_s").getDouble(r);
            assertEquals(1.0, bills.doubleColumn("connected_min").getDouble(r), 1e-9, "connected the whole minute");
            assertEquals(cpu * 2.0 + 0.5, bills.doubleColumn("total").getDouble(r), 1e-3);
            billedCpu += cpu;
        }
        CycleAccount account = result.account();
        double cpuCounted = (account.userCycles() + account.systemCallCycles() + account.pageFaultCycles()) / 100_000.0;
        assertTrue(billedCpu > 1, "the users did compute: " + billedCpu);
        assertEquals(cpuCounted, billedCpu, 1e-3,
                "every user and system cycle the kernel counted is billed to someone, and nothing else is");
    }

    @Test
    void utilizationRisesWithTheNumberOfUsers() {
        TimeSharing ts = Lab.timeSharing().quantum(10_000);
        double one = ts.users(1).run(Duration.ofMinutes(1)).utilization();
        double twelve = ts.users(12).run(Duration.ofMinutes(1)).utilization();
        assertTrue(one < 0.2 && twelve > 3 * one, "1 user: " + one + ", 12 users: " + twelve);
    }

    @Test
    void theLogTellsEachJobsStoryFromSubmittedToFinished() {
        SessionResult result = Lab.timeSharing().users(3).run(Duration.ofSeconds(60));
        Table events = result.events();
        assertEquals(result.log().size(), events.rowCount());
        for (SessionEvent e : result.log().events()) {
            if (e.event() == TaskEvent.FINISHED) {
                List<TaskEvent> story = result.log().events().stream().filter(o -> o.job() == e.job())
                        .map(SessionEvent::event).toList();
                assertEquals(TaskEvent.SUBMITTED, story.get(0));
                assertEquals(TaskEvent.STARTED, story.get(1));
                assertEquals(TaskEvent.FINISHED, story.get(story.size() - 1));
                assertTrue(e.detail().startsWith("exited with status 0"), e.detail());
            }
        }
        assertTrue(events.stringColumn("event").asList().contains("blocked"),
                "the crc32 job waits for its line from the teletype");
        Table timeline = result.timeline();
        double onCpu = timeline.doubleColumn("seconds").sum();
        assertTrue(onCpu >= result.usefulUtilization() * result.simulatedSeconds() * 0.99
                && onCpu <= result.utilization() * result.simulatedSeconds() * 1.01, "the timeline is the busy time");
    }

    @Test
    void aSweepDeliversEachPointAsItIsMeasuredAndReportsProgress() {
        List<Integer> points = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        Table sweep = Lab.timeSharing().sweep().users(1, 3).quanta(5_000, 20_000)
                .policies(Policy.BATCH, Policy.ROUND_ROBIN).duration(Duration.ofSeconds(20))
                .onPoint(row -> points.add(row.getInt("users")))
                .progress((done, total, what) -> progress.add(done * 100 + total)).run();
        assertEquals(6, sweep.rowCount(), "batch once per user count, round-robin for both quanta");
        assertEquals(List.of(1, 3, 1, 3, 1, 3), points);
        assertEquals(606, progress.get(progress.size() - 1));
        assertEquals(List.of("batch", "round-robin 0.05 s", "round-robin 0.2 s"),
                sweep.stringColumn("series").unique().asList().stream().sorted().toList());
    }

    @Test
    void aJobNamingNoCorpusProgramSaysWhichOnesExist() {
        TimeSharing ts = Lab.timeSharing().users(1).mix(JobMix.of("../../etc/passwd"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ts.run(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("not a guest program name") && e.getMessage().contains("fib"),
                e.getMessage());
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ts.mix(JobMix.of("emacs")).run(Duration.ofSeconds(30)));
        assertTrue(unknown.getMessage().contains("no guest program 'emacs'"), unknown.getMessage());
    }

    @Test
    void anInterruptedSessionStopsAndSaysSo() {
        Thread.currentThread().interrupt();
        try {
            SessionResult result = Lab.timeSharing().users(4).run(Duration.ofHours(10));
            assertTrue(result.interrupted());
            assertTrue(result.toString().contains("interrupted"));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theResultShowsItselfAsTextAndHtml() {
        SessionResult result = Lab.timeSharing().users(2).run(Duration.ofSeconds(20));
        assertTrue(result.toString().contains("mean response") && result.toString().contains("user2"));
        // Notebook front ends right-align every cell: the user's name is put on the left by hand.
        assertTrue(result.toHtml().startsWith("<div") && result.toHtml().contains("text-align:left\">user1</td>"),
                result.toHtml());
    }
}
