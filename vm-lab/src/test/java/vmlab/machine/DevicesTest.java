package vmlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vmlab.testing.Encode.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.isa.Image;
import vmlab.testing.Bare;

class DevicesTest {

    @Test
    void bytesStoredToTheUartTransmitRegisterReachTheHost() {
        Bare p = new Bare().emit(li(1, Uart.BASE)).emit(addi(2, 0, 'H'), store(0, 2, 1, 0), addi(2, 0, 'i'),
                store(0, 2, 1, 0), load(4, 3, 1, 5));
        Machine m = p.run(7);
        assertEquals("Hi", m.uart.output());
        assertEquals(0x60, m.hart.x[3], "LSR: transmitter empty, no data");
    }

    @Test
    void theUartDeliversTypedInputAndFlagsDataReady() {
        Machine m = new Bare().emit(li(1, Uart.BASE)).emit(load(4, 2, 1, 5), load(4, 3, 1, 0)).machine();
        m.uart.type("x");
        new ReferenceInterpreter().run(m, 4);
        assertEquals(1, m.hart.x[2] & 1);
        assertEquals('x', m.hart.x[3]);
    }

    @Test
    void sifiveTestPowersOffWithPassOrFailCode() {
        Machine pass = new Bare().emit(li(1, PowerControl.BASE)).emit(li(2, 0x5555)).emit(sw(2, 1, 0), jal(0, 0))
                .machine();
        assertEquals(Stop.EXITED, new ReferenceInterpreter().run(pass, 100));
        assertEquals(0, pass.exitCode());
        Machine fail = new Bare().emit(li(1, PowerControl.BASE)).emit(li(2, 7 << 16 | 0x3333)).emit(sw(2, 1, 0))
                .machine();
        new ReferenceInterpreter().run(fail, 100);
        assertEquals(7, fail.exitCode());
    }

    @Test
    void htifTohostOneMeansPassAndOddValuesFailWithTheCodeShiftedRight() {
        for (int value : new int[] {1, 2 * 5 + 1}) {
            Bare p = new Bare().emit(li(1, Bare.BASE + 0x1000)).emit(li(2, value)).emit(sw(2, 1, 0), jal(0, 0));
            Image program = p.image();
            Machine m = new Machine(1 << 20);
            m.load(new Image("t", program.segments(), program.entry(), Map.of("tohost", Bare.BASE + 0x1000)));
            assertEquals(Stop.EXITED, new ReferenceInterpreter().run(m, 100_000));
            assertEquals(value >> 1, m.exitCode());
        }
    }

    @Test
    void theBlockDeviceCopiesSectorsIntoRamByDma() {
        Machine m = new Machine(1 << 20);
        byte[] disk = new byte[1024];
        disk[512] = 42;
        m.disk.insert(disk);
        Bus bus = m.bus;
        assertEquals(BlockDevice.MAGIC, (int) bus.read(BlockDevice.BASE, 4));
        assertEquals(2, (int) bus.read(BlockDevice.BASE + 4, 4));
        bus.write(BlockDevice.BASE + 0x08, 4, 1);
        bus.write(BlockDevice.BASE + 0x0C, 4, Bare.BASE + 0x2000);
        bus.write(BlockDevice.BASE + 0x10, 4, 1);
        bus.write(BlockDevice.BASE + 0x14, 4, 1);
        assertEquals(BlockDevice.STATUS_OK, (int) bus.read(BlockDevice.BASE + 0x18, 4));
        assertEquals(42, (int) bus.read(Bare.BASE + 0x2000, 1));
        bus.write(BlockDevice.BASE + 0x08, 4, 2); // sector 2 does not exist
        bus.write(BlockDevice.BASE + 0x14, 4, 1);
        assertEquals(BlockDevice.STATUS_RANGE, (int) bus.read(BlockDevice.BASE + 0x18, 4));
        bus.write(BlockDevice.BASE + 0x08, 4, 0);
        bus.write(BlockDevice.BASE + 0x0C, 4, 0x4000_0000); // DMA into a hole
        bus.write(BlockDevice.BASE + 0x14, 4, 2);
        assertEquals(BlockDevice.STATUS_DMA, (int) bus.read(BlockDevice.BASE + 0x18, 4));
    }

    @Test
    void holesInTheMemoryMapFault() {
        Bus bus = new Machine(1 << 20).bus;
        assertEquals(Bus.FAULT, bus.read(0, 4));
        assertEquals(Bus.FAULT, bus.read(0x8010_0000, 4), "just past RAM");
        assertEquals(Bus.FAULT, bus.read(0x800F_FFFE, 4), "a word straddling RAM's end");
        assertFalse(bus.write(0x2000_0000, 4, 1));
        assertTrue(bus.write(0x800F_FFFC, 4, 1));
    }

    @Test
    void mtimeAdvancesWithCyclesAndCanBeRead() {
        Machine m = new Bare().emit(NOP, NOP, NOP, li(1, Clint.BASE + 0xBFF8)[0], li(1, Clint.BASE + 0xBFF8)[1],
                lw(2, 1, 0)).run(6);
        assertEquals(6, m.hart.x[2]);
        assertEquals(List.of("CLINT", "PLIC", "UART", "block device", "sifive_test"),
                m.bus.devices().stream().map(Device::name).toList());
    }
}
