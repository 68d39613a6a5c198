package vmlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virt board's devices driven register by register from the host: the PLIC, virtio-mmio and virtio-blk. */
class PlatformDevicesTest {
    static final int RAM = Bus.RAM_BASE;

    @TempDir
    Path temp;

    private static Machine board() throws IOException {
        return VirtBoard.create().ram(1 << 20).disk(new byte[8 * 512]).build();
    }

    private static void plic(Machine m, int offset, int value) {
        assertTrue(m.bus.write(Plic.BASE + offset, 4, value));
    }

    private static int claim(Machine m, int context) {
        return (int) m.bus.read(Plic.BASE + 0x20_0004 + 0x1000 * context, 4);
    }

    @Test
    void thePlicForwardsTheHighestPrioritySourceAboveTheThresholdToTheRightContext() throws IOException {
        Machine m = board();
        IrqLine three = m.plic.line(3), five = m.plic.line(5);
        plic(m, 4 * 3, 2);
        plic(m, 4 * 5, 6);
        plic(m, 0x2000, 1 << 3 | 1 << 5);          // M context: both
        plic(m, 0x2080, 1 << 3);                   // S context: only 3
        three.set(true);
        five.set(true);
        assertEquals(Hart.MEIP | Hart.SEIP, m.hart.mip & (Hart.MEIP | Hart.SEIP));
        plic(m, 0x20_0000, 6);                     // M threshold 6: priority 6 is not above it
        assertEquals(0, m.hart.mip & Hart.MEIP);
        plic(m, 0x20_0000, 0);
        assertEquals(5, claim(m, 0), "priority 6 before priority 2");
        assertEquals(3, claim(m, 0));
        assertEquals(0, claim(m, 0), "nothing left");
        assertEquals(0, m.hart.mip & (Hart.MEIP | Hart.SEIP), "both in service, so neither context is interrupted");
        plic(m, 0x20_0004, 5);                     // complete 5: its line is still high, so it is pending again
        assertTrue(m.plic.isPending(5));
        assertEquals(Hart.MEIP, m.hart.mip & Hart.MEIP);
    }

    @Test
    void aSourceTheGuestNeverCompletesStaysSilentWhileOthersKeepWorking() throws IOException {
        Machine m = board();
        plic(m, 4 * 1, 1);
        plic(m, 4 * 2, 1);
        plic(m, 0x2000, 0b110);
        m.plic.line(1).set(true);
        assertEquals(1, claim(m, 0));              // claimed, never completed
        for (int k = 0; k < 1000; k++) {           // the device keeps asking: an interrupt storm on a stuck source
            m.plic.line(1).set(k % 2 == 0);
        }
        assertEquals(0, m.hart.mip & Hart.MEIP, "the gateway holds source 1 back until it is completed");
        m.plic.line(2).set(true);
        assertEquals(2, claim(m, 0));
        assertEquals(1, m.plic.claims(1));
    }

    @Test
    void softwareSeipAndThePlicsSeipAreOred() throws IOException {
        Machine m = board();
        m.csrs.write(ControlRegisters.MIP, Hart.SEIP);
        plic(m, 4 * 4, 1);
        plic(m, 0x2080, 1 << 4);
        m.plic.line(4).set(true);
        m.plic.line(4).set(false);                 // pending stays (edge seen by the gateway)
        assertEquals(4, claim(m, 1));
        assertEquals(Hart.SEIP, m.hart.mip & Hart.SEIP, "software's bit is still set");
        m.csrs.write(ControlRegisters.MIP, 0);
        assertEquals(0, m.hart.mip & Hart.SEIP);
    }

    /** Random register writes and reads over the PLIC's whole window: no exception, and MEIP always tells the truth. */
    @Test
    void fuzzingThePlicsRegistersKeepsItsOutputConsistent() throws IOException {
        Machine m = board();
        Random random = new Random(16);
        int[] interesting = {0, 4, 40, 0xFC, 0x1000, 0x1004, 0x2000, 0x2004, 0x2080, 0x2100, 0x20_0000, 0x20_0004,
                0x20_1000, 0x20_1004, 0x20_2004, 0x3FF_FFFC};
        for (int k = 0; k < 200_000; k++) {
            int offset = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                    : random.nextInt(Plic.SOURCES * 4 + 0x40) & ~3;
            int size = random.nextInt(8) == 0 ? 1 + random.nextInt(2) : 4;
            switch (random.nextInt(4)) {
                case 0 -> m.bus.write(Plic.BASE + offset, size, random.nextInt());
                case 1 -> m.bus.read(Plic.BASE + offset, size);
                case 2 -> m.plic.line(1 + random.nextInt(Plic.SOURCES - 1)).set(random.nextBoolean());
                default -> m.bus.write(Plic.BASE + 0x20_0004 + 0x1000 * random.nextInt(2), 4,
                        random.nextInt(Plic.SOURCES + 4) - 2);
            }
            boolean meip = (m.hart.mip & Hart.MEIP) != 0;
            int claimable = peekBest(m, 0);
            assertEquals(claimable != 0, meip, "step " + k + ": MEIP must be set exactly when a claim would succeed");
        }
    }

    /** What a claim of context {@code ctx} would return, computed from the registers alone. */
    private static int peekBest(Machine m, int ctx) {
        long pending = m.bus.read(Plic.BASE + 0x1000, 4) | m.bus.read(Plic.BASE + 0x1004, 4) << 32;
        long enabled = m.bus.read(Plic.BASE + 0x2000 + 0x80 * ctx, 4) | m.bus.read(Plic.BASE + 0x2004 + 0x80 * ctx, 4) << 32;
        int threshold = (int) m.bus.read(Plic.BASE + 0x20_0000 + 0x1000 * ctx, 4);
        int best = 0, bestPriority = threshold;
        for (int id = 1; id < Plic.SOURCES; id++) {
            int priority = (int) m.bus.read(Plic.BASE + 4 * id, 4);
            if ((pending >>> id & 1) != 0 && (enabled >>> id & 1) != 0 && priority > bestPriority) {
                best = id;
                bestPriority = priority;
            }
        }
        return best;
    }

    // ---- virtio ------------------------------------------------------------------------------------------------------

    static final int SLOT7 = VirtioMmio.FIRST_BASE + 7 * 0x1000;
    static final int DESC = RAM + 0x1000, AVAIL = RAM + 0x2000, USED = RAM + 0x3000;

    private static void virtio(Machine m, int offset, int value) {
        assertTrue(m.bus.write(SLOT7 + offset, 4, value));
    }

    /** Brings the disk's queue 0 up with 8 entries at DESC, AVAIL and USED, as a driver does. */
    private static void driverUp(Machine m) {
        virtio(m, 0x70, 1);
        virtio(m, 0x70, 3);
        virtio(m, 0x24, 1);
        virtio(m, 0x20, 1);
        virtio(m, 0x70, 11);
        virtio(m, 0x38, 8);
        virtio(m, 0x80, DESC);
        virtio(m, 0x90, AVAIL);
        virtio(m, 0xA0, USED);
        virtio(m, 0x44, 1);
        virtio(m, 0x70, 15);
    }

    private static void descriptor(Machine m, int index, long address, int length, int flags, int next) {
        int d = DESC + 16 * index;
        address = address < 0 ? address & 0xFFFF_FFFFL : address; // an int RAM address, taken unsigned
        m.bus.write(d, 4, (int) address);
        m.bus.write(d + 4, 4, (int) (address >>> 32));
        m.bus.write(d + 8, 4, length);
        m.bus.write(d + 12, 2, flags);
        m.bus.write(d + 14, 2, next);
    }

    /** Makes chain {@code head} available, notifies, and lets the machine's clock reach the completion. */
    private static void submit(Machine m, int head) {
        int index = (int) m.bus.read(AVAIL + 2, 2);
        m.bus.write(AVAIL + 4 + 2 * (index % 8), 2, head);
        m.bus.write(AVAIL + 2, 2, index + 1);
        virtio(m, 0x50, 0);
        m.clint.timeOffset += VirtioMmio.COMPLETION_CYCLES;
        m.checkPoint();
    }

    @Test
    void aWriteThenReadRoundTripsThroughTheDiskAndFlushReachesTheHostFileAtomically() throws IOException {
        Path image = temp.resolve("disk.img");
        Files.write(image, new byte[16 * 512]);
        Machine m = VirtBoard.create().ram(1 << 20).disk(image).build();
        driverUp(m);
        int header = RAM + 0x4000, data = RAM + 0x5000, status = RAM + 0x6000;
        m.bus.write(header, 4, VirtioBlock.T_OUT);
        m.bus.write(header + 8, 4, 3);             // sector 3
        for (int i = 0; i < 512; i++) {
            m.bus.write(data + i, 1, i * 7);
        }
        descriptor(m, 0, header, 16, 1, 1);
        descriptor(m, 1, data, 512, 1, 2);
        descriptor(m, 2, status, 1, 2, 0);
        submit(m, 0);
        assertEquals(VirtioBlock.S_OK, m.bus.read(status, 1));
        assertEquals(1, m.bus.read(USED + 2, 2), "used.idx");
        assertEquals(1, m.bus.read(SLOT7 + 0x60, 4), "interrupt status: used buffer");
        assertTrue(m.plic.isPending(8), "IRQ 8 raised at the PLIC");
        m.bus.write(header, 4, VirtioBlock.T_FLUSH);
        descriptor(m, 0, header, 16, 1, 2);
        submit(m, 0);
        assertEquals(VirtioBlock.S_OK, m.bus.read(status, 1));
        byte[] onHost = Files.readAllBytes(image);
        assertEquals((byte) (5 * 7), onHost[3 * 512 + 5]);
        assertFalse(Files.exists(temp.resolve("disk.img.tmp")), "the temporary file was renamed over the image");
        m.bus.write(header, 4, VirtioBlock.T_IN);
        m.bus.write(header + 8, 4, 20);            // past the disk's 16 sectors
        descriptor(m, 0, header, 16, 1, 1);
        descriptor(m, 1, data, 512, 3, 2);
        submit(m, 0);
        assertEquals(VirtioBlock.S_IOERR, m.bus.read(status, 1));
    }

    @Test
    void aLoopingChainOrABufferOutsideRamSetsDeviceNeedsResetInsteadOfHangingTheHost() throws IOException {
        Machine m = board();
        driverUp(m);
        descriptor(m, 0, RAM + 0x4000, 16, 1, 1);
        descriptor(m, 1, RAM + 0x4100, 16, 1, 0);  // 0 -> 1 -> 0 -> ...
        submit(m, 0);
        VirtioMmio transport = transport(m);
        assertTrue((transport.status() & VirtioMmio.STATUS_DEVICE_NEEDS_RESET) != 0);
        assertTrue(transport.lastError().contains("loops"), transport.lastError());
        assertEquals(2, m.bus.read(SLOT7 + 0x60, 4) & 2, "a configuration-change interrupt tells the driver");
        virtio(m, 0x70, 0);                         // the driver resets the device
        driverUp(m);
        m.bus.write(AVAIL + 2, 2, 0);
        descriptor(m, 0, 0x4000_0000L, 16, 1, 0);   // a hole
        submit(m, 0);
        assertTrue(transport(m).lastError().contains("not in RAM"), transport(m).lastError());
        virtio(m, 0x70, 0);
        driverUp(m);
        m.bus.write(AVAIL + 2, 2, 0);
        descriptor(m, 0, 0xFFFF_F000L + (1L << 32), 16, 1, 0); // beyond 4 GiB
        submit(m, 0);
        assertTrue((transport(m).status() & VirtioMmio.STATUS_DEVICE_NEEDS_RESET) != 0);
    }

    private static VirtioMmio transport(Machine m) {
        return m.bus.devices().stream().filter(d -> d.base() == SLOT7).map(VirtioMmio.class::cast).findFirst()
                .orElseThrow();
    }

    @Test
    void anImageThatIsNotWholeSectorsIsRefusedNamingTheFile() throws IOException {
        Path image = temp.resolve("torn.img");
        Files.write(image, new byte[1000]);
        IOException e = assertThrows(IOException.class, () -> VirtBoard.create().ram(1 << 20).disk(image).build());
        assertTrue(e.getMessage().contains("torn.img") && e.getMessage().contains("1000"), e.getMessage());
    }

    /** Random writes to every virtio register and random rings in RAM: no exception escapes, the host never hangs. */
    @Test
    void fuzzingTheVirtioRegistersAndRingsNeverThrows() throws IOException {
        Machine m = board();
        Random random = new Random(17);
        for (int k = 0; k < 100_000; k++) {
            int offset = random.nextInt(0x120) & ~3;
            switch (random.nextInt(6)) {
                case 0 -> m.bus.write(SLOT7 + offset, random.nextInt(8) == 0 ? 1 : 4, random.nextInt(8) == 0
                        ? random.nextInt() : random.nextInt(64));
                case 1 -> m.bus.read(SLOT7 + offset, 4);
                case 2 -> m.bus.write(RAM + 0x1000 + random.nextInt(0x3000), 4, random.nextInt(8) == 0
                        ? random.nextInt() : random.nextInt(16));
                case 3 -> driverUp(m);
                case 4 -> m.bus.write(SLOT7 + 0x50, 4, random.nextInt(3));
                default -> {
                    m.clint.timeOffset += random.nextInt(3000);
                    m.checkPoint();
                }
            }
            long status = m.bus.read(SLOT7 + 0x70, 4);
            assertTrue(status >= 0 && status <= 0xFF, "status is a byte");
            assertEquals(VirtioMmio.MAGIC, (int) m.bus.read(SLOT7, 4));
        }
        assertNotNull(VirtBoard.diskOf(m));
    }
}
