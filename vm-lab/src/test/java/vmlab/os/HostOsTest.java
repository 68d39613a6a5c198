package vmlab.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vmlab.engine.Engine;
import vmlab.engine.ReferenceInterpreter;
import vmlab.isa.Assembler;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;
import vmlab.os.ProgressListener;

class HostOsTest {

    record Logged(long time, Task task, TaskEvent event, long userCycles, String detail) {
    }

    private final List<Logged> log = new ArrayList<>();

    /** The engine under test: every engine must give the kernel the same behaviour (see EnginesUnderTheKernelTest). */
    Engine engine() {
        return new ReferenceInterpreter();
    }

    HostOs kernel() {
        return new HostOs(new Machine(16 << 20), engine(), CpuClock.DEFAULT)
                .listener((time, task, event, detail) -> log.add(new Logged(time, task, event, task.userCycles(), detail)));
    }

    static Elf program(String name, String source) {
        return new Elf(Assembler.assemble(name, source, 0x10000).image(), 0, 0, 0);
    }

    static Elf corpus(String name) throws IOException {
        try (InputStream in = HostOsTest.class.getResourceAsStream("/vmlab/guest/" + name + ".elf")) {
            return ElfLoader.parse(in.readAllBytes(), name);
        }
    }

    static final Elf FOREVER = program("forever", "_start: j _start\n");

    private List<Logged> events(Task task, TaskEvent kind) {
        return log.stream().filter(e -> e.task() == task && e.event() == kind).toList();
    }

    @Test
    void oneProcessCanNeverTouchAnothersMemory() {
        HostOs kernel = kernel().quantum(1_000);
        Elf victim = program("victim", """
                _start:
                    la   t0, slot
                    li   t1, 0x5EC2E7
                    sw   t1, 0(t0)
                    li   a7, 124          # sched_yield: let the others run now
                    ecall
                    li   a7, 124
                    ecall
                    lw   t2, 0(t0)
                    li   a0, 42           # 42: my secret is intact
                    beq  t1, t2, 1f
                    li   a0, 1
                1:  li   a7, 93
                    ecall
                    .data
                slot: .word 0
                """);
        Elf sameAddress = program("same-address", """
                _start:
                    la   t0, slot         # the very same virtual address as the victim's secret
                    lw   a0, 0(t0)        # exit status: what I find there
                    li   t1, 0x77
                    sw   t1, 0(t0)        # and scribble over it
                    li   a7, 93
                    ecall
                    .data
                slot: .word 0
                """);
        Task a = kernel.spawn("alice", victim, List.of("victim"), null, OutputStream.nullOutputStream());
        long physical = a.process().memory().physical(victim.image().symbol("slot"), false);
        Elf rawAddress = program("raw-address", String.format("""
                _start:
                    li   t0, 0x%08x       # the victim's secret, by its physical address
                    lw   a0, 0(t0)
                    li   a7, 93
                    ecall
                """, physical));
        Task b = kernel.spawn("mallory", sameAddress, List.of("same-address"), null, OutputStream.nullOutputStream());
        Task c = kernel.spawn("mallory", rawAddress, List.of("raw-address"), null, OutputStream.nullOutputStream());
        kernel.runUntil(100_000, ProgressListener.NONE);

        assertEquals(42, a.exitStatus(), "the victim's secret survived the others: " + a.endReason());
        assertEquals(0, b.exitStatus(), "the same virtual address in another process is another page, zeroed");
        assertEquals(128 + 11, c.exitStatus(), "a physical address is just an unmapped virtual one: SIGSEGV");
        assertTrue(c.endReason().contains("SIGSEGV"), c.endReason());
        assertTrue(a.finishedAt() > b.finishedAt(), "the victim really ran after the others had their go");
    }

    @Test
    void theTimerPreemptsALoopExactlyAtTheEndOfItsSlice() {
        HostOs kernel = kernel().quantum(5_000);
        Task first = kernel.spawn("u1", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        Task second = kernel.spawn("u2", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        kernel.runUntil(200_000, ProgressListener.NONE);

        List<Logged> preempted = events(first, TaskEvent.PREEMPTED);
        assertTrue(preempted.size() >= 15, "about 200,000 / 10,500 preemptions each, got " + preempted.size());
        long previous = 0;
        for (Logged p : preempted) {
            assertEquals(5_000, p.userCycles() - previous, "each slice is exactly one quantum of user cycles");
            previous = p.userCycles();
        }
        for (int k = 1; k < log.size(); k++) { // the two loops alternate
            Logged e = log.get(k);
            if (e.event() == TaskEvent.RESUMED) {
                assertNotEquals(e.task(), log.get(k - 1).task(), "after a preemption, the other task runs: " + e);
            }
        }
        assertEquals(kernel.account().preemptions(), first.preemptions() + second.preemptions());
    }

    @Test
    void anAlarmThatFallsDueWhileTheKernelWorksIsServedAtOnce() {
        HostOs kernel = kernel().quantum(50_000);
        List<Long> fired = new ArrayList<>();
        kernel.at(1_000, () -> kernel.spawn("u1", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream()));
        kernel.at(1_100, () -> fired.add(kernel.now())); // due in the middle of the context switch to the loop
        kernel.runUntil(20_000, ProgressListener.NONE);
        assertEquals(1, fired.size());
        assertTrue(fired.get(0) <= 1_000 + 40 + 200 + 1 + 40, "served right after the switch, not a check interval "
                + "later: " + fired.get(0));
    }

    @Test
    void contextSwitchesAreCountedAndTheirCostIsChargedToTheKernel() {
        HostOs kernel = kernel().quantum(1_000);
        kernel.spawn("u1", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        kernel.spawn("u2", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        kernel.runUntil(100_000, ProgressListener.NONE);
        CycleAccount account = kernel.account();

        assertTrue(account.contextSwitches() > 50, "two tasks, 1,000-cycle slices: " + account);
        assertEquals(account.contextSwitches() * OsCosts.DEFAULT.contextSwitch(), account.switchCycles());
        assertEquals(account.interrupts() * OsCosts.DEFAULT.interrupt(), account.interruptCycles());
        long busy = account.userCycles() + account.kernelCycles();
        assertTrue(busy <= kernel.elapsed() && busy > kernel.elapsed() - 2_000,
                "user and kernel cycles fill the time when there is always work: " + busy + " of " + kernel.elapsed());
        double overhead = (double) account.switchCycles() / kernel.elapsed();
        assertTrue(overhead > 0.1 && overhead < 0.2, "200 of every ~1,240 cycles go to switching: " + overhead);

        HostOs free = new HostOs(new Machine(16 << 20), engine(), CpuClock.DEFAULT)
                .quantum(1_000).costs(OsCosts.FREE);
        free.spawn("u1", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        free.spawn("u2", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        free.runUntil(100_000, ProgressListener.NONE);
        assertEquals(free.elapsed() - 1, free.account().userCycles(),
                "a free kernel leaves every cycle to the users but one: the WFI that parks the hart at the end");
    }

    /** Types "hello\n" at cycle 50,000, all at once. */
    static final class LineAt implements TerminalInput {
        private final byte[] line;
        private final long at;
        private int taken;

        LineAt(String line, long at) {
            this.line = line.getBytes();
            this.at = at;
        }

        @Override
        public int available(long now) {
            return now >= at ? line.length - taken : 0;
        }

        @Override
        public int take(byte[] into, int max, long now) {
            int n = Math.min(max, available(now));
            System.arraycopy(line, taken, into, 0, n);
            taken += n;
            return n;
        }

        @Override
        public long nextInputAt(long now) {
            return now < at ? at : Long.MAX_VALUE;
        }
    }

    @Test
    void aReadFromTheTerminalBlocksUntilTheLineArrivesAndOthersRunMeanwhile() {
        HostOs kernel = kernel().quantum(10_000);
        Elf reader = program("reader", """
                _start:
                    li   a0, 0
                    la   a1, buffer
                    li   a2, 64
                    li   a7, 63           # read(0, buffer, 64)
                    ecall
                    la   t0, buffer
                    lbu  t1, 0(t0)
                    li   t2, 'h'
                    bne  t1, t2, 1f       # exit status: bytes read, if the first is 'h'
                    li   a7, 93
                    ecall
                1:  li   a0, 99
                    li   a7, 93
                    ecall
                    .data
                buffer: .space 64
                """);
        Task typist = kernel.spawn("ann", reader, List.of("reader"), new LineAt("hello\n", 50_000),
                OutputStream.nullOutputStream());
        Task number = kernel.spawn("bob", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        kernel.runUntil(100_000, ProgressListener.NONE);

        assertEquals(6, typist.exitStatus(), typist.endReason());
        assertEquals(1, events(typist, TaskEvent.BLOCKED).size());
        Logged woke = events(typist, TaskEvent.WOKE).get(0);
        assertTrue(woke.time() >= 50_000, "woken when the line arrived, not before: " + woke);
        assertTrue(typist.userCycles() < 100, "the reader used the CPU for a few instructions only");
        assertTrue(number.userCycles() > 45_000, "the loop had the CPU while the reader waited: " + number);
    }

    @Test
    void nanosleepWaitsInSimulatedTimeWhileTheCpuIdles() {
        HostOs kernel = kernel();
        Elf sleeper = program("sleeper", """
                _start:
                    la   a0, half_second
                    li   a1, 0
                    li   a7, 101          # nanosleep({0, 500000000}, NULL)
                    ecall
                    bnez a0, 1f
                    li   a7, 172          # getpid
                    ecall
                1:  li   a7, 93           # exit(pid)
                    ecall
                    .data
                half_second: .word 0, 500000000
                """);
        Task task = kernel.spawn("sam", sleeper, List.of("sleeper"), null, OutputStream.nullOutputStream());
        kernel.runUntil(200_000, ProgressListener.NONE);

        assertEquals(task.pid(), task.exitStatus(), "getpid answers the task's own pid: " + task.endReason());
        long slept = task.finishedAt() - task.startedAt();
        assertTrue(slept >= 50_000 && slept < 51_000, "half a simulated second at 100,000 Hz: " + slept);
        CycleAccount account = kernel.account();
        long idle = kernel.elapsed() - account.userCycles() - account.kernelCycles();
        assertTrue(idle > 190_000, "nothing else to do: the CPU idled, " + idle);
    }

    @Test
    void batchRunsEachJobToCompletionInArrivalOrderWhileRoundRobinTakesTurns() throws IOException {
        for (Policy policy : List.of(Policy.BATCH, Policy.ROUND_ROBIN)) {
            log.clear();
            HostOs kernel = kernel().policy(policy).quantum(5_000);
            List<Task> jobs = new ArrayList<>();
            for (String n : List.of("12", "13", "14")) {
                jobs.add(kernel.spawn("u" + n, corpus("fib"), List.of("fib", n), null, OutputStream.nullOutputStream()));
            }
            kernel.runUntil(500_000, ProgressListener.NONE);
            long preemptions = log.stream().filter(e -> e.event() == TaskEvent.PREEMPTED).count();
            if (policy == Policy.BATCH) {
                assertEquals(0, preemptions, "batch never preempts");
                assertTrue(jobs.get(0).finishedAt() < jobs.get(1).startedAt()
                        && jobs.get(1).finishedAt() < jobs.get(2).startedAt(), "one after the other");
            } else {
                assertTrue(preemptions > 3, "round-robin preempts the longer jobs: " + preemptions);
                assertTrue(jobs.get(2).startedAt() < jobs.get(0).finishedAt(), "all started before the first ended");
            }
            for (Task job : jobs) {
                assertEquals(0, job.exitStatus(), job.endReason());
            }
        }
    }

    @Test
    void corpusProgramsSharingTheCpuPrintWhatTheyPrintAlone() throws IOException {
        HostOs kernel = kernel().quantum(2_000);
        ByteArrayOutputStream fib = new ByteArrayOutputStream(), sieve = new ByteArrayOutputStream();
        kernel.spawn("u1", corpus("fib"), List.of("fib", "16"), null, fib);
        kernel.spawn("u2", corpus("sieve"), List.of("sieve", "1000"), null, sieve);
        kernel.runUntil(1_000_000, ProgressListener.NONE);
        assertEquals("fib(16) = 987\n", fib.toString());
        assertEquals("primes up to 1000: 168, largest 997\n", sieve.toString());
        assertTrue(kernel.account().preemptions() > 10);
        assertEquals(1, kernel.framesInUse(), "every page of the finished processes is free again, but the idle loop's");
    }

    @Test
    void multilevelFeedbackSinksALongJobAndLetsAShortOneThrough() throws IOException {
        HostOs kernel = kernel().policy(Policy.MULTILEVEL_FEEDBACK).quantum(2_000);
        Task longJob = kernel.spawn("u1", FOREVER, List.of("forever"), null, OutputStream.nullOutputStream());
        kernel.runUntil(50_000, ProgressListener.NONE);
        Task shortJob = kernel.spawn("u2", corpus("fib"), List.of("fib", "10"), null, OutputStream.nullOutputStream());
        kernel.runUntil(200_000, ProgressListener.NONE);
        assertEquals(3, longJob.level(), "the loop used whole slices until the bottom queue");
        assertEquals(0, shortJob.exitStatus());
        assertTrue(shortJob.finishedAt() - shortJob.submittedAt() < 20_000 + 8 * 2_000,
                "the short job waits at most one long slice: " + (shortJob.finishedAt() - shortJob.submittedAt()));
    }
}
