package vmlab.engine;

import vmlab.machine.Hart;

/**
 * The fast interpreter: instructions predecoded once per code page, loads and stores through a software TLB, registers
 * and counters touched as little as possible. Same architectural results as the {@link ReferenceInterpreter}, which it
 * calls for every instruction that is rare, privileged or about to trap.
 */
public final class FastInterpreter extends SlicedEngine {
    @Override
    public String name() {
        return "fast interpreter";
    }

    @Override
    long runSlice(EngineCache cache, long budget) {
        PageRunner interpreter = cache.interpreter();
        Hart hart = cache.machine.hart;
        long n = 0;
        while (n < budget) {
            int pc = hart.pc;
            CodePage page = (pc & 3) == 0 ? cache.tlb.fetch(pc) : null;
            if (page == null) {
                delegate(cache); // the fetch faults or reads a device: the reference interpreter raises it
                n++;
            } else {
                n += interpreter.run(page, (int) Math.min(budget - n, Integer.MAX_VALUE), false);
            }
            if (hart.recheck || cache.waitingForever) {
                break;
            }
        }
        cache.interpreted(n);
        return n;
    }
}
