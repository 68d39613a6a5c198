package vmlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.isa.Assembler;
import vmlab.isa.Image;
import vmlab.machine.Bus;
import vmlab.machine.Machine;
import vmlab.machine.VirtioBlock;
import vmlab.machine.VirtioMmio;
import vmlab.machine.Virtqueue;
import vmlab.hypervisor.GuestBoot;
import vmlab.hypervisor.GuestKernels;
import vmlab.hypervisor.GuestRam;
import vmlab.hypervisor.GuestVm;
import vmlab.hypervisor.PioDisk;
import vmlab.os.AddressSpace;
import vmlab.os.FrameAllocator;

/**
 * Every public lab type, given raw and out-of-range addresses, answers with a fault value, an exception or a guest
 * trap, never by crashing the JVM (a crash would end this test run). The classes that touch memory without bounds
 * checks are not public, so a notebook cell cannot name them.
 */
class RawAddressesNeverCrashTest {

    private static final int[] WILD = {0, 1, 0x7FFF_FFFC, 0x7FFF_FFFF, Bus.RAM_BASE - 1, Bus.RAM_BASE - 4,
            Bus.RAM_BASE + (1 << 20) - 2, Bus.RAM_BASE + (1 << 20), 0xFFFF_FFFC, 0xFFFF_FFFF, Integer.MIN_VALUE + (64 << 20)};
    private static final int[] SIZES = {-1, 0, 1, 2, 3, 4, 5, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE};

    /** Runs the call; an exception is an acceptable answer, only a dead JVM is not. */
    private static void survives(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // A clear Java exception: the kernel reports it as a failed cell.
        }
    }

    @Test
    void theRawMemoryClassesOfTheBlockCompilerAreNotPublic() throws ClassNotFoundException {
        for (String name : List.of("TranslatedMemory", "BlockContext", "Translation", "Tlb", "EngineCache")) {
            Class<?> c = Class.forName("vmlab.engine." + name);
            assertFalse(Modifier.isPublic(c.getModifiers()), name + " must not be reachable from a notebook cell");
        }
    }

    @Test
    void theBusFaultsOrThrowsOnEveryWildAddressAndSize() {
        Bus bus = new Machine(1 << 20).bus;
        byte[] buffer = new byte[16];
        for (int address : WILD) {
            for (int size : SIZES) {
                survives(() -> bus.read(address, size));
                survives(() -> bus.write(address, size, 0x5A5A5A5A));
                survives(() -> bus.isRam(address, size));
                survives(() -> bus.copyIn(address, buffer, 0, size));
                survives(() -> bus.copyOut(address, buffer, 0, size));
                survives(() -> bus.copyIn(address, buffer, size, 4));
                survives(() -> bus.zero(address, size));
            }
            survives(() -> bus.watchPage(address));
            survives(() -> bus.isWatched(address));
        }
        assertEquals(Bus.FAULT, bus.read(0xFFFF_FFFC, 4));
        assertFalse(bus.write(Bus.RAM_BASE + (1 << 20) - 2, 4, 1), "a word that runs past RAM's end is not written");
    }

    @Test
    void machineAndLabMachineAnswerWildAddressesWithoutCrashing() {
        Machine machine = new Machine(1 << 20);
        LabMachine lab = Lab.machine(1);
        for (int address : WILD) {
            survives(() -> machine.setTohost(address));
            survives(machine::pollHtif);
            survives(() -> machine.symbolize(address));
            survives(() -> machine.raise(address, address));
            survives(() -> machine.mmu.load(address, 4));
            survives(() -> machine.mmu.store(address, 4, 7));
            survives(() -> machine.mmu.translate(address, 0, 0));
            for (int size : SIZES) {
                survives(() -> lab.memory(address, size).toString());
                survives(() -> lab.memory(address, 64).word(size));
                survives(() -> lab.disassembly(address, size));
            }
            survives(() -> lab.breakAt(Integer.toHexString(address)));
        }
        survives(() -> machine.load(new Image("wild", List.of(new Image.Segment(0xFFFF_FFF0, new byte[64], 64, true, true)),
                0xFFFF_FFF0, java.util.Map.of())));
        assertTrue(lab.memory(0xFFFF_FFF0, 16).at(0) < 0, "an unmapped byte reads as 'unreadable', not as a crash");
    }

    /**
     * A VM's guest-physical memory, its virtio disk and transport (the DMA a guest's descriptors drive) and its emulated
     * disk, reached the way a notebook cell reaches them: {@code Lab.hypervisor().labos(...).guest()}. Wild guest-physical
     * addresses, register offsets and descriptor addresses are refused, read as zero or fault values, or throw.
     */
    @Test
    void aVmsMemoryAndDevicesAnswerWildAddressesWithoutCrashing(@TempDir Path dir) {
        LabHypervisor host = Lab.hypervisor();
        LabVm vm = host.labos("wild", dir.resolve("wild.img").toString()).powerOn();
        GuestVm guest = vm.guest();
        guest.emulatedDisk(8);
        int ramEnd = GuestRam.BASE + guest.ramBytes();
        int[] guestWild = {GuestRam.BASE - 4, ramEnd - 2, ramEnd, ramEnd + 4096, 0, 0xFFFF_FFFC, 0x7FFF_FFFF};
        VirtioBlock disk = guest.virtioDisk();
        VirtioMmio transport = guest.virtioTransport();
        assertNotNull(disk, "the VM is on with a disk");
        assertNotNull(transport, "the VM is on with a disk");
        for (int address : concat(WILD, guestWild)) {
            for (int size : SIZES) {
                survives(() -> guest.readPhysical(address, size));
                survives(() -> guest.pioDisk().read(address, size));
                survives(() -> guest.pioDisk().write(address, size, 0x5A5A5A5A));
                survives(() -> disk.readConfig(address, size));
                survives(() -> transport.read(address, size));
                survives(() -> disk.serve(List.of(new Virtqueue.Buffer(address, 16, false),
                        new Virtqueue.Buffer(address + 16, size, true))));
                survives(() -> disk.serve(List.of(new Virtqueue.Buffer(GuestRam.BASE, size, false),
                        new Virtqueue.Buffer(address, 513, true))));
            }
            // Queue 0 with its rings at the wild address, then a notify: the device's DMA reads descriptors from there.
            survives(() -> {
                for (int[] register : new int[][] {{0x030, 0}, {0x038, 8}, {0x080, address}, {0x084, 0}, {0x090, address},
                        {0x094, 0}, {0x0A0, address + 64}, {0x0A4, 0}, {0x044, 1}, {0x050, 0}}) {
                    transport.write(register[0], 4, register[1]);
                }
            });
            survives(() -> vm.run(20_000));
        }
        assertNotNull(transport.lastError(), "rings at a wild address broke the queue instead of reaching memory");
        assertNull(guest.readPhysical(ramEnd - 2, 4), "a read running past the guest's RAM is refused");
        assertNull(guest.readPhysical(GuestRam.BASE - 4, 4), "the host's memory below the guest's RAM is not the guest's");
        survives(() -> vm.run(200_000));
        // The same through a Type 2 VM, whose RAM is a host process's memory on the lab's host OS.
        LabVm hosted = Lab.hostOs().vm("hosted", "hello").powerOn();
        for (int address : concat(WILD, guestWild)) {
            for (int size : SIZES) {
                survives(() -> hosted.guest().readPhysical(address, size));
            }
        }
        assertNull(hosted.guest().readPhysical(GuestRam.BASE - 4, 4));
        assertTrue(hosted.run(50_000_000).console().contains("Hello from RISC-V!"), "the probed VM still runs: " + hosted.console());
        vm.powerOff();
        survives(() -> guest.readPhysical(GuestRam.BASE, 4));
        survives(() -> disk.serve(List.of(new Virtqueue.Buffer(GuestRam.BASE, 16, false),
                new Virtqueue.Buffer(GuestRam.BASE + 16, 513, true))));
    }

    /** The host OS's page allocator and address spaces (public in {@code vmlab.os}) with wild addresses and lengths. */
    @Test
    void theHostOsAddressSpacesAndFramesAnswerWildAddressesWithoutCrashing() {
        Machine machine = new Machine(1 << 20);
        FrameAllocator frames = new FrameAllocator(machine.bus);
        AddressSpace space = new AddressSpace(machine.bus, machine.mmu, frames);
        byte[] buffer = new byte[16];
        for (int address : WILD) {
            survives(() -> frames.retain(address));
            survives(() -> frames.release(address));
            survives(() -> frames.references(address));
            survives(() -> frames.allocateContiguous(address));
            survives(() -> space.mapShared(address, address, AddressSpace.READ | AddressSpace.WRITE));
            survives(() -> space.frameOf(address));
            survives(() -> space.faultIn(address, AddressSpace.WRITE));
            survives(() -> space.physical(address, true));
            survives(() -> space.writeInt(address, 7));
            survives(() -> space.writeLong(address, 7));
            survives(() -> space.readString(address, 64));
            survives(() -> space.load(address, buffer));
            for (int size : new int[] {-1, 0, 1, 4096, 1 << 20}) {
                survives(() -> space.reserve(address, size, AddressSpace.READ | AddressSpace.WRITE));
                survives(() -> space.protect(address, size, AddressSpace.READ));
                survives(() -> space.write(address, buffer, 0, size));
                survives(() -> space.read(address, buffer, 0, size));
                survives(() -> space.write(address, buffer, size, 4));
                survives(() -> space.readString(address, size));
                survives(() -> space.isFree(address, size));
                survives(() -> space.release(address, size));
            }
        }
        assertTrue(frames.framesInUse() >= 1, "the address space's page table is still there");
    }

    /** RAM and disk sizes that overflow when turned into bytes are refused, not wrapped into a small or negative size. */
    @Test
    void sizesThatOverflowAreRefused(@TempDir Path dir) {
        List<String> accepted = new ArrayList<>();
        for (int mib : new int[] {-1, 0, 2048, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            refused(accepted, "Lab.machine(" + mib + ")", () -> Lab.machine(mib));
            refused(accepted, "Lab.hypervisor(" + mib + ")", () -> Lab.hypervisor(mib));
            refused(accepted, "Lab.computer().ram(" + mib + ")", () -> Lab.computer(dir.resolve("disk.img").toString()).ram(mib));
            refused(accepted, "Lab.containers(" + mib + ")", () -> Lab.containers(mib));
            refused(accepted, "create(.., " + mib + " bytes)",
                    () -> Lab.hypervisor().monitor().create("v", mib, GuestBoot.kernel(GuestKernels.skernel())));
        }
        // Disks in 512-byte sectors: 1 << 23 sectors is 4 GiB, which an int byte count wraps to an empty disk.
        Bus bus = new Machine(1 << 20).bus;
        for (int sectors : new int[] {-1, 1 << 22, 1 << 23, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            refused(accepted, "new PioDisk(" + sectors + ")", () -> new PioDisk(sectors));
            refused(accepted, "new VirtioBlock(bus, " + sectors + ")", () -> new VirtioBlock(bus, sectors));
        }
        assertEquals(List.of(), accepted, "sizes that make no sense were accepted");
        assertEquals(0, new VirtioBlock(bus, 0).sectors(), "an empty drive, as the virt board's before a disk is inserted");
    }

    /** Notes {@code what} unless it throws a clear Java exception. */
    private static void refused(List<String> accepted, String what, Runnable call) {
        try {
            call.run();
            accepted.add(what);
        } catch (RuntimeException expected) {
            // refused, as it should be
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * A guest that loads and stores at every wild address, over and over (so the block compiler translates the loop),
     * with a trap handler that counts the fault and skips the access.
     */
    private static final String WILD_GUEST = """
                la t0, handler
                csrw mtvec, t0
                li s1, 0
                li s4, 3000
            outer:
                la s2, addresses
                li s3, 11
            inner:
                lw t1, 0(s2)
                lw t2, 0(t1)
                sw t2, 0(t1)
                lhu t2, 0(t1)
                sh t2, 0(t1)
                lb t2, 0(t1)
                addi s2, s2, 4
                addi s3, s3, -1
                bnez s3, inner
                addi s4, s4, -1
                bnez s4, outer
                wfi
            handler:
                addi s1, s1, 1
                csrr t3, mepc
                addi t3, t3, 4
                csrw mepc, t3
                mret
                .align 2
            addresses:
                .word 0x00000000, 0x00000001, 0x7ffffffc, 0x7fffffff, 0x7fffffff, 0x7ffffffc
                .word 0x800ffffe, 0x80100000, 0xfffffffc, 0xffffffff, 0x84000000
            """;

    @Test
    void everyEngineTurnsWildGuestAccessesIntoTrapsAndAgreesWithTheReference() {
        Image image = Assembler.assemble(WILD_GUEST).image();
        List<Supplier<Engine>> engines = List.of(ReferenceInterpreter::new, FastInterpreter::new, BlockCompiler::new);
        List<String> outcomes = new ArrayList<>();
        for (Supplier<Engine> engine : engines) {
            Machine machine = new Machine(1 << 20);
            machine.load(image);
            Stop stop = engine.get().run(machine, 50_000_000);
            outcomes.add(stop + " after " + machine.hart.minstret + " instructions, " + machine.hart.x[9] + " traps");
        }
        assertTrue(outcomes.get(0).startsWith("WAITING_FOREVER"), outcomes.get(0));
        assertTrue(!outcomes.get(0).endsWith(" 0 traps"), outcomes.get(0));
        assertEquals(outcomes.get(0), outcomes.get(1), "fast interpreter");
        assertEquals(outcomes.get(0), outcomes.get(2), "block compiler");
    }

    @Test
    void oneBlockCompilerOnMachinesOfDifferentSizesStaysInsideEachMachinesRam() {
        // Translations and TLBs must never carry one machine's RAM layout over to another.
        Image image = Assembler.assemble(WILD_GUEST).image();
        Engine shared = new BlockCompiler();
        String first = null;
        for (int mib : new int[] {64, 1, 16, 1}) {
            Machine machine = new Machine(mib << 20);
            machine.load(image);
            Stop stop = shared.run(machine, 50_000_000);
            String outcome = stop + ", " + machine.hart.x[9] + " traps";
            if (mib == 1) {
                first = first == null ? outcome : first;
                assertEquals(first, outcome);
            }
        }
    }
}
