package vmlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vmlab.isa.Assembler;
import vmlab.isa.Image;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;
import vmlab.machine.VirtioBlock;

/**
 * Guests on the virt board that are driven by device interrupts: the UART's receive interrupt and a virtio-blk
 * completion, both through the PLIC. Device events happen on the simulated clock, so every engine sees them at the same
 * instruction: same console, same registers, same RAM.
 */
class VirtBoardEnginesTest {
    private static final List<Engine> ENGINES = List.of(new ReferenceInterpreter(), new FastInterpreter(),
            new BlockCompiler());

    /** Echoes each received byte in upper case from its interrupt handler; after a newline, powers off. */
    static final String UART_ECHO = """
            _start:
                la t0, trap
                csrw mtvec, t0
                li t0, 0x0c000000        # PLIC: priority of source 10 = 1
                li t1, 1
                sw t1, 40(t0)
                li t0, 0x0c002000        # context 0 (hart 0, M) enables source 10
                li t1, 1024
                sw t1, 0(t0)
                li t0, 0x0c200000        # threshold 0
                sw zero, 0(t0)
                li t0, 0x10000000        # UART: interrupt when data is ready
                li t1, 1
                sb t1, 1(t0)
                li t0, 0x800             # mie.MEIE
                csrw mie, t0
                csrsi mstatus, 8
            idle:
                wfi
                addi s1, s1, 1           # how often the hart woke
                j idle
            trap:
                li t0, 0x0c200004
                lw t1, 0(t0)             # claim
                li t2, 0x10000000
            drain:
                lbu t3, 5(t2)            # LSR: data ready?
                andi t3, t3, 1
                beqz t3, done
                lbu t4, 0(t2)
                addi s0, s0, 1
                li t5, 10
                beq t4, t5, off
                li t5, 97
                blt t4, t5, send
                addi t4, t4, -32
            send:
                sb t4, 0(t2)
                j drain
            done:
                sw t1, 0(t0)             # complete
                mret
            off:
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            """;

    private static Supplier<Machine> board(String source, byte[] disk, String typed) {
        Image image = Assembler.assemble(source).image();
        return () -> {
            try {
                VirtBoard b = VirtBoard.create().ram(1 << 20).bios(image);
                if (disk != null) {
                    b.disk(disk);
                }
                Machine m = b.build();
                m.uart.type(typed);
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void aUartReceiveInterruptReachesTheHartThroughThePlicOnEveryEngine() {
        Supplier<Machine> boards = board(UART_ECHO, null, "hello\n");
        for (Engine engine : ENGINES) {
            Machine m = boards.get();
            assertEquals(Stop.EXITED, engine.run(m, 1_000_000), engine.name());
            assertEquals("HELLO", m.uart.output(), engine.name());
            assertEquals(6, m.hart.x[8], engine.name() + ": bytes received");
            assertEquals(1, m.plic.claims(Machine.UART_IRQ), engine.name() + ": one interrupt served them all");
        }
        for (Engine engine : List.of(new FastInterpreter(), new BlockCompiler())) {
            Lockstep.Result r = Lockstep.of(boards, engine).limit(1_000_000).run();
            assertTrue(r.agreed(), r.toString());
        }
    }

    /**
     * Reads sector 1 of the disk through a virtqueue, sleeps in WFI until the completion interrupt, and exits with the
     * first data word and the status byte in s0 and s1.
     */
    static final String VIRTIO_READ = """
            .equ VIRTIO, 0x10008000
            _start:
                la t0, trap
                csrw mtvec, t0
                li t0, 0x0c000000
                li t1, 1
                sw t1, 32(t0)            # priority of source 8 (slot 7) = 1
                li t0, 0x0c002000
                li t1, 256
                sw t1, 0(t0)             # context 0 enables source 8
                li a0, VIRTIO
                lw t0, 8(a0)             # device id: must be 2 (block)
                li t1, 2
                bne t0, t1, fail
                li t1, 1
                sw t1, 0x70(a0)          # ACKNOWLEDGE
                li t1, 3
                sw t1, 0x70(a0)          # DRIVER
                li t1, 1
                sw t1, 0x24(a0)          # driver features, high word: VERSION_1
                sw t1, 0x20(a0)
                li t1, 11
                sw t1, 0x70(a0)          # FEATURES_OK
                lw t0, 0x70(a0)
                andi t0, t0, 8
                beqz t0, fail
                sw zero, 0x30(a0)        # queue 0
                li t1, 4
                sw t1, 0x38(a0)          # 4 entries
                la t1, desc
                sw t1, 0x80(a0)
                la t1, avail
                sw t1, 0x90(a0)
                la t1, used
                sw t1, 0xa0(a0)
                li t1, 1
                sw t1, 0x44(a0)          # queue ready
                li t1, 15
                sw t1, 0x70(a0)          # DRIVER_OK
                la t0, avail             # avail.ring[0] = descriptor 0, avail.idx = 1
                sh zero, 4(t0)
                li t1, 1
                sh t1, 2(t0)
                li t0, 0x800
                csrw mie, t0
                sw zero, 0x50(a0)        # notify queue 0
                csrsi mstatus, 8
            idle:
                wfi
                j idle
            trap:
                li t0, 0x0c200004
                lw t1, 0(t0)             # claim
                lw t2, 0x60(a0)
                sw t2, 0x64(a0)          # acknowledge the used-buffer interrupt
                sw t1, 0(t0)             # complete
                la t0, data
                lw s0, 0(t0)
                la t0, status
                lbu s1, 0(t0)
                la t0, used
                lhu s2, 2(t0)
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            fail:
                li t0, 0x100000
                li t1, 0x13333
                sw t1, 0(t0)
            .data
            .align 4
            desc:
                .word header, 0, 16, 1 | (1 << 16)
                .word data, 0, 512, 3 | (2 << 16)
                .word status, 0, 1, 2
                .word 0, 0, 0, 0
            avail:
                .half 0, 0, 0, 0, 0, 0, 0, 0
            .align 4
            used:
                .word 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            header:
                .word 0, 0, 1, 0
            status:
                .word 0xff
            .align 4
            data:
                .space 512
            """;

    @Test
    void aVirtioBlockReadCompletesLaterOnTheSimulatedClockAndInterrupts() {
        byte[] disk = new byte[4096];
        disk[512] = 0x44;
        disk[513] = 0x33;
        Supplier<Machine> boards = board(VIRTIO_READ, disk, "");
        long[] cycles = new long[ENGINES.size()];
        for (int k = 0; k < ENGINES.size(); k++) {
            Machine m = boards.get();
            Engine engine = ENGINES.get(k);
            assertEquals(Stop.EXITED, engine.run(m, 1_000_000), engine.name() + ": " + m.exitReason());
            assertEquals(0, m.exitCode(), engine.name() + ": " + m.exitReason());
            assertEquals(0x3344, m.hart.x[8], engine.name() + ": the sector's first word");
            assertEquals(VirtioBlock.S_OK, m.hart.x[9], engine.name() + ": status");
            assertEquals(1, m.hart.x[18], engine.name() + ": used.idx");
            assertEquals(1, VirtBoard.diskOf(m).reads());
            cycles[k] = m.clint.mtime();
        }
        assertEquals(cycles[0], cycles[1]);
        assertEquals(cycles[0], cycles[2]);
        for (Engine engine : List.of(new FastInterpreter(), new BlockCompiler())) {
            Lockstep.Result r = Lockstep.of(boards, engine).limit(1_000_000).run();
            assertTrue(r.agreed(), r.toString());
        }
    }

    /**
     * A kernel that enables the UART's transmitter-empty interrupt and then neither claims it nor silences the UART:
     * every instruction boundary has an interrupt waiting. The host still stops the run at its limit, and the engines
     * agree on every trap. A store into an MMIO hole on the way is an access fault, not a host error.
     */
    static final String STORM = """
            _start:
                la t0, trap
                csrw mtvec, t0
                li t0, 0x10000800          # a hole between the UART and the first virtio slot
                sw t0, 0(t0)
                li t0, 0x0c000000
                li t1, 7
                sw t1, 40(t0)
                li t0, 0x0c002000
                li t1, 1024
                sw t1, 0(t0)
                li t0, 0x10000000
                li t1, 2
                sb t1, 1(t0)               # IER: THR empty, which it always is
                li t0, 0x800
                csrw mie, t0
                csrsi mstatus, 8
            spin:
                addi s0, s0, 1
                j spin
            trap:
                csrr t2, mcause
                addi s1, s1, 1
                bgez t2, skip              # an exception: step over the faulting store
                mret                       # an interrupt: return without claiming it
            skip:
                csrr t2, mepc
                addi t2, t2, 4
                csrw mepc, t2
                mret
            """;

    @Test
    void anInterruptStormThatIsNeverClaimedStillStopsAtTheLimitAndEveryEngineAgrees() {
        Supplier<Machine> boards = board(STORM, null, "");
        for (Engine engine : ENGINES) {
            Machine m = boards.get();
            assertEquals(Stop.INSTRUCTION_LIMIT, engine.run(m, 200_000), engine.name());
            assertEquals(1L, m.counters.trapsByCause().get(vmlab.machine.Cause.name(
                    vmlab.machine.Cause.STORE_ACCESS_FAULT)), engine.name() + ": the hole faulted once");
            assertTrue(m.hart.x[9] > 1000, engine.name() + ": the storm kept the hart in its handler");
            assertEquals(0, m.plic.claims(Machine.UART_IRQ), engine.name());
        }
        Lockstep.Result r = Lockstep.of(boards, new BlockCompiler()).limit(200_000).run();
        assertTrue(r.agreed(), r.toString());
    }
}
