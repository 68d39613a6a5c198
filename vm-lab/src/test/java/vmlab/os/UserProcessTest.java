package vmlab.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;

class UserProcessTest {

    static Elf resource(String name) throws IOException {
        try (InputStream in = UserProcessTest.class.getResourceAsStream("/vmlab/os/" + name)) {
            return ElfLoader.parse(in.readAllBytes(), name);
        }
    }

    @Test
    void helloWritesToStdoutAndExitsWithArgcAsItsStatus() throws IOException {
        Machine machine = new Machine(4 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxProcess.start(machine, resource("hello.elf"), List.of("hello", "a", "b"), Map.of(), null,
                LinuxProcess.Streams.of(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream()));
        Stop stop = new ReferenceInterpreter().run(machine, 1_000_000);
        assertEquals(Stop.EXITED, stop);
        assertEquals("hello, world\n", out.toString());
        assertEquals(3, machine.exitCode());
        assertEquals(2, machine.counters.syscallsByNumber().size());
        assertTrue(machine.hart.minstret < 20, "a handful of instructions, not " + machine.hart.minstret);
    }
}
