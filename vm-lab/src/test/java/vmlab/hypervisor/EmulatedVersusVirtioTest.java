package vmlab.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vmlab.engine.Engine;

/**
 * The same 64 KiB written and read back by the same guest kernel, in the same run: through a fully emulated disk every
 * data word is an exit; through virtio the guest describes the whole transfer in RAM and notifies once.
 */
class EmulatedVersusVirtioTest {

    static Stream<Engine> engines() {
        return GuestRuns.engines().stream();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anEmulatedDiskExitsOnEveryWordAndVirtioOncePerRequest(Engine engine, @TempDir Path dir) throws IOException {
        Path image = dir.resolve("virtio.img");
        Files.write(image, new byte[128 << 10]);
        Hypervisor host = Hypervisor.typeOne(32 << 20);
        GuestVm pio = host.create("pio", 8 << 20, GuestBoot.kernel(GuestKernels.ioKernel())).emulatedDisk(256);
        GuestVm virtio = host.create("virtio", 8 << 20, GuestBoot.kernel(GuestKernels.ioKernel())).disk(image);
        pio.start();
        virtio.start();
        while (host.run(engine, 10_000_000) != vmlab.engine.Stop.WAITING_FOREVER) {
            // both run, taking turns, until both have powered off
        }
        assertTrue(pio.console().contains("emulated disk (PIO): 64 KiB written and read back intact"), pio.console());
        assertTrue(virtio.console().contains("virtio-blk: 64 KiB written and read back intact"), virtio.console());
        assertEquals(VmState.OFF, virtio.state());

        double kib = 128; // 64 KiB out and 64 KiB back, each way
        assertEquals(kib * 1024, pio.pioDisk().bytesMoved());
        assertEquals(64 << 10, virtio.virtioDisk().bytesWritten());
        assertEquals(64 << 10, virtio.virtioDisk().bytesRead());
        double pioPerKib = pio.ioExits() / kib, virtioPerKib = virtio.ioExits() / kib;
        assertTrue(pioPerKib >= 256, "PIO: a data word per exit is 256 exits per KiB, plus the commands: " + pioPerKib);
        assertTrue(virtioPerKib < 1, "virtio: a handful of exits per request of 64 KiB: " + virtioPerKib);
        assertEquals(2, virtio.virtioTransport().notifies(), "one notify per request");
    }
}
