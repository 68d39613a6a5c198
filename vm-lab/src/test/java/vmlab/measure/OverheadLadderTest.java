package vmlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vmlab.engine.BlockCompiler;
import vmlab.hypervisor.HostedVmm;
import vmlab.hypervisor.TrapAndEmulate;
import vmlab.os.TaskState;

class OverheadLadderTest {
    private static LadderResult ladder;

    /** One tiny ladder, cold and best of two: its structure and honesty are what is checked, never its times. */
    @BeforeAll
    static void measureATinyLadder() {
        ladder = tiny().run();
    }

    private static OverheadLadder tiny() {
        return OverheadLadder.of(LadderWorkload.cpu(12), LadderWorkload.systemCalls(200), LadderWorkload.io(3))
                .warmUpSeconds(0).best(2);
    }

    @Test
    void everyRungOfTodayIsMeasuredOnEveryWorkloadNativeFirst() {
        assertEquals(List.of("native Java", "container", "Type-1 VM, trap-and-emulate", "Type-1 VM, assisted",
                "Type-2 VM, trap-and-emulate", "block compiler", "interpreter"), ladder.rungs());
        assertEquals(3, ladder.workloads().size());
        assertEquals(21, ladder.rows().size());
        assertEquals(21, ladder.table().rowCount());
        assertTrue(ladder.toString().contains("best of 2 on this thread's CPU time"), ladder.toString());
    }

    @Test
    void everyGuestRungRanRealGuestCodeToNativeJavasTranscript() {
        for (String rung : ladder.rungs()) {
            assertTrue(ladder.sameOutputAsNative(rung), rung + " printed something else: " + ladder.table().printAll());
        }
        assertEquals("fib(12) = 144\n", ladder.row("interpreter", ladder.workloads().get(0)).output());
        assertEquals(3 * 4096 + "ladder io: 12288 bytes written\n".length(),
                ladder.row("Type-1 VM, trap-and-emulate", ladder.workloads().get(2)).output().length());
        for (String workload : ladder.workloads()) {
            assertEquals(0, ladder.row("native Java", workload).guestInstructions(), "native Java runs no guest code");
            long process = ladder.row("block compiler", workload).guestInstructions();
            assertTrue(process > 1_000, workload + ": " + process + " guest instructions");
            assertEquals(process, ladder.row("interpreter", workload).guestInstructions(),
                    "both engines run the same program to the same end");
            assertTrue(ladder.row("Type-1 VM, trap-and-emulate", workload).guestInstructions() > process,
                    "the VM also runs skernel's boot and system-call handlers");
            assertEquals(ladder.row("Type-1 VM, trap-and-emulate", workload).guestInstructions(),
                    ladder.row("Type-2 VM, trap-and-emulate", workload).guestInstructions(),
                    "Type-2 runs the same skernel and program; only where the monitor lives changes");
        }
    }

    @Test
    void ratiosAreTheBestSamplesOverNativeJavasBest() {
        for (LadderResult.Row row : ladder.rows()) {
            assertEquals(2, row.cpuSeconds().length);
            double nativeBest = Arrays.stream(ladder.row("native Java", row.workload()).cpuSeconds()).min().orElseThrow();
            double best = Arrays.stream(row.cpuSeconds()).min().orElseThrow();
            assertEquals(best / nativeBest, ladder.ratio(row.rung(), row.workload()), 1e-12);
        }
        double product = 1;
        for (String w : ladder.workloads()) {
            product *= ladder.ratio("interpreter", w);
        }
        assertEquals(Math.cbrt(product), ladder.geometricMeans().get("interpreter"), 1e-9);
        List<String> order = ladder.measuredOrder();
        for (int k = 1; k < order.size(); k++) {
            assertTrue(ladder.geometricMeans().get(order.get(k - 1)) <= ladder.geometricMeans().get(order.get(k)));
        }
        assertEquals(ladder.summary().stringColumn("rung").asList(), order);
    }

    @Test
    void aRungThatRunsSomethingElseIsCaught() {
        Rung impostor = new Rung() {
            public String name() {
                return "impostor";
            }

            public String runsOn() {
                return "the interpreter, on fib 11";
            }

            public Prepared prepare(LadderWorkload workload) {
                return Rung.interpreter().prepare(LadderWorkload.cpu(11));
            }
        };
        LadderResult result = OverheadLadder.of(LadderWorkload.cpu(12)).only("native Java").rung(impostor)
                .warmUpSeconds(0).best(1).run();
        assertFalse(result.sameOutputAsNative("impostor"));
        assertTrue(result.table().stringColumn("output").get(1).startsWith("DIFFERS: fib(11) = 89"));
        assertTrue(result.toString().contains("DIFFER on [impostor]"), result.toString());
    }

    @Test
    void aGuestThatFailsStopsTheLadderWithItsExitStatus() {
        LadderWorkload broken = new LadderWorkload("broken", "ladder", List.of("neither"), () -> "");
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                OverheadLadder.of(broken).only("native Java", "block compiler").warmUpSeconds(0).best(1).run());
        assertTrue(e.getMessage().contains("exited with status 2") && e.getMessage().contains("usage: ladder"),
                e.getMessage());
    }

    @Test
    void aNewHypervisorModeIsOneMoreRung() {
        OverheadLadder withAnother = OverheadLadder.of(LadderWorkload.systemCalls(100)).only("native Java")
                .rung(Rung.typeOne("Type-1 VM, another execution", TrapAndEmulate::new)).warmUpSeconds(0).best(1);
        LadderResult result = withAnother.run();
        assertEquals(List.of("native Java", "Type-1 VM, another execution"), result.rungs());
        assertTrue(result.sameOutputAsNative("Type-1 VM, another execution"));
        assertThrows(IllegalArgumentException.class, () -> withAnother.rung(Rung.container()).rung(Rung.container()));
        assertThrows(IllegalStateException.class, () -> OverheadLadder.of(LadderWorkload.cpu(5)).only("interpreter").run(),
                "without native Java there is nothing to divide by");
    }

    @Test
    void theTypeTwoRungsMonitorIsAProcessOfTheHostOs() {
        TypeTwoRung.HostedRun run = new TypeTwoRung(BlockCompiler::new).prepare(LadderWorkload.io(2));
        HostedVmm vmm = run.vmm();
        assertEquals(TaskState.READY, vmm.task().state(), "preparing starts the VMM process, the VM still off");
        Rung.Outcome outcome = run.run();
        assertEquals(LadderWorkload.io(2).nativeRun().get(), outcome.output());
        assertEquals(TaskState.FINISHED, vmm.task().state(), "the VMM process ends with its VM");
        assertTrue(vmm.task().cpuCycles() >= outcome.guestInstructions(),
                "the host accounts the guest's instructions to the VMM process");
        assertTrue(vmm.kernelCrossings() > 0, "the console's device exits cross into the host kernel");
        assertEquals(vmm.vm().ioExits(), vmm.kernelCrossings(), "every device exit went up to the VMM process");
        assertTrue(vmm.os().account().systemCalls() >= vmm.kernelCrossings(),
                "each crossing is charged as a host system call, which a Type-1 monitor never makes");
    }

    @Test
    void theTypeTwoVmmSetsAHostAlarmPerDeadlineNotOnePerExit() {
        TypeTwoRung.HostedRun run = new TypeTwoRung(BlockCompiler::new).prepare(LadderWorkload.systemCalls(200));
        HostedVmm vmm = run.vmm();
        long alarmsBefore = vmm.os().alarmsSet();
        run.run();
        long alarms = vmm.os().alarmsSet() - alarmsBefore;
        assertTrue(vmm.vm().exitCount() > 1_000, "200 getpid under skernel take thousands of exits");
        assertTrue(alarms * 10 < vmm.vm().exitCount(), "the monitor names the same deadline on most exits; the host "
                + "keeps one alarm for it, not one per exit (" + alarms + " alarms, " + vmm.vm().exitCount() + " exits)");
    }

    @Test
    void aRowWithoutSamplesIsRefused() {
        assertThrows(IllegalArgumentException.class, () ->
                new LadderResult.Row("r", "x", "w", new double[0], new double[0], 0, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new LadderResult(List.of(
                new LadderResult.Row("container", "x", "w", new double[] {1}, new double[] {1}, 0, "", 0)), 1, 0, 1, true));
    }
}
