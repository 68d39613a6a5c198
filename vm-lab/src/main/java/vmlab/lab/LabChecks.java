package vmlab.lab;

import vmlab.engine.Stop;
import vmlab.isa.Assembler;

/**
 * One-line checks for exercise test cells about the lab machine, failing with a message a student can act on:
 * <pre>LabChecks.assertGuestPrints("Hello from RISC-V!\n", "hello");
 * LabChecks.assertAssemblyComputes("li a0, 6\nli a1, 7\nmul a0, a0, a1", "a0", 42);</pre>
 * They throw {@link AssertionError}, so the grader counts them like JUnit's assertions (vm-lab does not depend on JUnit).
 */
public final class LabChecks {

    /** Enough for any exercise snippet; a snippet that runs longer is stuck in a loop. */
    static final long INSTRUCTION_LIMIT = 50_000_000L;

    private LabChecks() {
    }

    /** Fails unless the corpus program {@code program}, run with {@code args}, prints exactly {@code expected}. */
    public static LabMachine assertGuestPrints(String expected, String program, String... args) {
        LabMachine machine = Lab.machine().load(Guest.program(program), args).run(INSTRUCTION_LIMIT);
        if (machine.stopReason() != Stop.EXITED) {
            throw new AssertionError(program + " did not finish (" + machine.stopReason() + " after " + machine.instructions()
                    + " instructions)");
        }
        if (!machine.output().equals(expected)) {
            throw new AssertionError(program + " should print " + quote(expected) + " but printed " + quote(machine.output()));
        }
        return machine;
    }

    /**
     * Fails unless the assembly snippet, run from its first line to its end, leaves {@code expected} in {@code register}. The
     * snippet needs no {@code _start} label and no code to stop the machine: both are added.
     */
    public static LabMachine assertAssemblyComputes(String assembly, String register, int expected) {
        String program = (assembly.contains("_start:") ? "" : "_start:\n") + assembly
                + "\n    li t6, 0x100000\n    li t5, 0x5555\n    sw t5, 0(t6)\n";
        LabMachine machine = Lab.machine(1).load(Assembler.assemble(program).image()).run(INSTRUCTION_LIMIT);
        if (machine.stopReason() != Stop.EXITED) {
            throw new AssertionError("the snippet did not reach its end (" + machine.stopReason() + " after "
                    + machine.instructions() + " instructions)");
        }
        int actual = machine.reg(register);
        if (actual != expected) {
            throw new AssertionError("the snippet leaves " + actual + " (0x" + Integer.toHexString(actual) + ") in " + register
                    + ", but should leave " + expected);
        }
        return machine;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
