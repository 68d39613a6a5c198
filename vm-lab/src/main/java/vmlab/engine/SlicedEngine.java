package vmlab.engine;

import vmlab.machine.Hart;
import vmlab.machine.Machine;

/**
 * The outer loop every fast engine shares, check point for check point the reference interpreter's: the same places to
 * take interrupts, poll {@code tohost}, honour the instruction limit and the host's interrupt flag. Identical check
 * points are what make results identical, down to the instruction count at which a bare-metal test's {@code tohost}
 * write is noticed. In between, a subclass runs a slice of instructions its own fast way, stopping early when an
 * instruction sets {@code hart.recheck}, exactly where the reference interpreter stops its slice.
 *
 * <p>One liberty: when the program has no {@code tohost}, nothing a check point looks at can change without a recheck
 * or the timer (both of which end a slice anyway), so slices grow from 4096 to 65536 instructions there.
 */
abstract class SlicedEngine implements Engine {
    static final int LONG_INTERVAL = 1 << 16;

    private final ReferenceInterpreter reference = new ReferenceInterpreter();

    /** Runs at most {@code budget} instructions; stops after one that sets {@code hart.recheck}. Returns how many ran. */
    abstract long runSlice(EngineCache cache, long budget);

    @Override
    public Stop run(Machine machine, long maxInstructions) {
        if (machine.tracer() != null) {
            return reference.run(machine, maxInstructions); // a trace wants every instruction: the reference reports them
        }
        EngineCache cache = EngineCache.of(machine);
        cache.tlb.flush(); // anything may have changed since the last run (a notebook cell poking satp, say)
        cache.waitingForever = false;
        Hart hart = machine.hart;
        long done = 0;
        boolean atStart = true;
        Runnable flushTlb = cache.tlb::flush; // an interrupt taken at a check point changes the context too
        while (true) {
            boolean changed = hart.recheck; // privilege, satp, mstatus or the page tables may differ now
            Stop stop = CheckPoint.pass(machine, done, maxInstructions, flushTlb);
            if (stop != null) {
                return stop;
            }
            if (changed) {
                cache.tlb.flush();
            }
            long timer = machine.cyclesUntilNextEvent();
            int interval = machine.tohost() == 0 ? LONG_INTERVAL : ReferenceInterpreter.CHECK_INTERVAL;
            long slice = Math.min(maxInstructions - done, timer > 0 ? Math.min(timer, interval) : interval);
            if (!machine.breakpoints().isEmpty()) {
                // Breakpoints are looked at before every instruction, as the reference does; speed matters less here.
                for (long k = 0; k < slice; k++) {
                    if (!atStart && machine.isBreakpoint(hart.pc)) {
                        return Stop.BREAKPOINT;
                    }
                    atStart = false;
                    done += runSlice(cache, 1);
                    if (cache.waitingForever) {
                        return Stop.WAITING_FOREVER;
                    }
                    if (hart.recheck) {
                        break;
                    }
                }
                continue;
            }
            atStart = false;
            done += runSlice(cache, slice);
            if (cache.waitingForever) {
                return Stop.WAITING_FOREVER;
            }
        }
    }

    /** Executes the instruction at {@code hart.pc} with the reference interpreter: traps, CSRs, devices, page faults. */
    static void delegate(EngineCache cache) {
        if (!ReferenceInterpreter.execute(cache.machine, cache.machine.hart)) {
            cache.waitingForever = true;
        }
    }
}
