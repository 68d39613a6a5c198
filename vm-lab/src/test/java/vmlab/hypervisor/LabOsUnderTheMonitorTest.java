package vmlab.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vmlab.engine.Engine;

/**
 * The unmodified labOS image, deprivileged under the monitor (which plays its SBI firmware), boots to its shell, takes
 * typed commands through its interrupt-driven UART (the virtual PLIC) and powers off, printing exactly what it prints on
 * QEMU's virt board without a disk. The expected transcript was recorded from
 * {@code qemu-system-riscv32 -M virt -m 32M -nographic -bios firmware.elf -kernel labos.elf
 * -global virtio-mmio.force-legacy=false} with "help", "free" and "poweroff" typed, minus the firmware's banner line
 * (under the monitor there is no firmware: the monitor serves the SBI).
 */
class LabOsUnderTheMonitorTest {
    private static final int RAM = 32 << 20;

    static Stream<Engine> engines() {
        return GuestRuns.engines().stream();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void labOsBootsToItsShellAndAnswersAsOnQemu(Engine engine) throws IOException {
        Hypervisor hypervisor = Hypervisor.typeOne(RAM + (2 << 20));
        GuestVm vm = hypervisor.create("labos", RAM, GuestBoot.kernel(GuestKernels.labos()));
        vm.start();
        hypervisor.runUntilStopped(engine, vm, 200_000_000); // to the prompt, where it waits for input
        for (String line : new String[] {"help\n", "free\n", "poweroff\n"}) {
            assertTrue(vm.console().endsWith("labos$ "), vm.console());
            vm.type(line); // typed at the prompt, as on QEMU (labOS drains whatever it finds in the UART at boot)
            hypervisor.runUntilStopped(engine, vm, 200_000_000);
        }
        assertEquals(expected(), vm.console(), engine.name() + ": " + vm.stopReason());
        assertEquals(VmState.OFF, vm.state());
    }

    private static String expected() throws IOException {
        try (InputStream in = LabOsUnderTheMonitorTest.class.getResourceAsStream("/vmlab/hypervisor/labos-no-disk.out")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
