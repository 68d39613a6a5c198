package vmlab.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.Machine;

/** A cell's assembly loads into the lab machine exactly as an ELF does, and runs. */
class AssembledProgramRunsTest {

    @Test
    void aCellPrintsThroughTheUartAndPowersOff() {
        Assembly program = Assembler.assemble("""
                    .equ UART, 0x10000000
                    .equ POWER, 0x100000
                _start:
                    la   a0, message
                    li   a1, UART
                1:  lbu  a2, 0(a0)
                    beqz a2, 2f
                    sb   a2, 0(a1)
                    addi a0, a0, 1
                    j    1b
                2:  li   t0, POWER
                    li   t1, 0x5555          # sifive_test: pass and power off
                    sw   t1, 0(t0)
                    .data
                message: .asciz "hello from a cell\\n"
                """);
        Machine machine = new Machine();
        machine.load(program.image());
        Stop stop = new ReferenceInterpreter().run(machine, 10_000);
        assertEquals(Stop.EXITED, stop);
        assertEquals("hello from a cell\n", machine.uart.output());
    }
}
