package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vmlab.machine.Cause;
import vmlab.machine.Machine;
import vmlab.testing.Bare;

/**
 * Physical memory protection as firmware uses it, on every engine: a page no entry grants is out of U-mode's reach (load
 * and store access faults), a hot loop over a granted page still runs on the fast paths, a locked entry binds M-mode
 * too and cannot be rewritten; and the cycle counter carries into mcycleh.
 */
class PmpEnginesTest {
    static final String PROGRAM = """
            _start:
                la t0, trap
                csrw mtvec, t0
                la t0, secret              # entry 0: NAPOT over the secret page, no permissions
                srli t0, t0, 2
                ori t0, t0, 0x1ff
                csrw pmpaddr0, t0
                li t0, -1                  # entry 1: NAPOT over everything, RWX
                csrw pmpaddr1, t0
                li t0, 0x1f18
                csrw pmpcfg0, t0
                li t0, 0x1800              # mret to U-mode
                csrc mstatus, t0
                la t0, user
                csrw mepc, t0
                mret
            user:
                la t1, open
                li t2, 20000
            hot:                           # a hot loop over a page entry 1 grants
                lw t3, 0(t1)
                add a0, a0, t3
                addi t2, t2, -1
                bnez t2, hot
                la t1, secret
                lw t3, 0(t1)               # load access fault
                sw t3, 0(t1)               # store access fault
                ecall
            machine:
                li t0, 0x98                # lock entry 0: now it binds M-mode too
                csrw pmpcfg0, t0
                la t1, secret
                lw t3, 0(t1)               # load access fault, in M-mode
                csrr s4, pmpaddr0
                csrw pmpaddr0, zero        # ignored: the entry is locked
                csrr s5, pmpaddr0
                csrw mcycleh, zero
                li t0, -1
                csrw mcycle, t0
                nop
                nop
                csrr s6, mcycleh           # the low half overflowed into the high half
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            trap:
                csrr t4, mcause
                la t5, causes
                slli t6, s3, 2
                add t5, t5, t6
                sw t4, 0(t5)
                addi s3, s3, 1
                li t6, 8
                beq t4, t6, to_machine
                csrr t4, mepc
                addi t4, t4, 4
                csrw mepc, t4
                mret
            to_machine:
                li t0, 0x1800
                csrs mstatus, t0           # stay in M after this mret
                la t0, machine
                csrw mepc, t0
                mret
            .data
            .align 12
            open:
                .word 3
            .align 4
            causes:
                .space 64
            .align 12
            secret:
                .word 42
            """;

    @Test
    void pmpKeepsUserModeOutOfAPageAndALockedEntryBindsMachineModeOnEveryEngine() {
        Supplier<Machine> machines = Bare.assembled(PROGRAM);
        for (Engine engine : List.of(new ReferenceInterpreter(), new FastInterpreter(), new BlockCompiler())) {
            Machine m = machines.get();
            assertEquals(Stop.EXITED, engine.run(m, 2_000_000), engine.name() + ": " + m.exitReason());
            assertEquals(60_000, m.hart.x[10], engine.name() + ": the hot loop read the open page");
            int causes = m.symbols().get("causes");
            assertEquals(4, m.hart.x[19], engine.name() + ": traps taken");
            assertEquals(List.of(Cause.LOAD_ACCESS_FAULT, Cause.STORE_ACCESS_FAULT, Cause.ECALL_FROM_U,
                    Cause.LOAD_ACCESS_FAULT), List.of((int) m.bus.read(causes, 4), (int) m.bus.read(causes + 4, 4),
                    (int) m.bus.read(causes + 8, 4), (int) m.bus.read(causes + 12, 4)), engine.name());
            assertEquals(m.hart.x[20], m.hart.x[21], engine.name() + ": pmpaddr0 is locked");
            assertEquals(1, m.hart.x[22], engine.name() + ": mcycleh after mcycle overflowed");
        }
        for (Engine engine : List.of(new FastInterpreter(), new BlockCompiler())) {
            Lockstep.Result r = Lockstep.of(machines, engine).limit(2_000_000).run();
            assertTrue(r.agreed(), r.toString());
        }
    }
}
