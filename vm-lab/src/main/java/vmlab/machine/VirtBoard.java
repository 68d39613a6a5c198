package vmlab.machine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import vmlab.isa.Image;

/**
 * Builds a {@link Machine} laid out as QEMU's {@code virt} board ({@code qemu-system-riscv32 -M virt}), and boots it the
 * way QEMU boots {@code -bios fw.elf -kernel image}: the firmware's segments in RAM, the kernel after it, and the hart
 * starting in M-mode in the {@link BootRom} at 0x1000, which passes a0 = hart id, a1 = device tree address, a2 =
 * {@code fw_dynamic_info} (whose {@code next_addr} is the kernel's address) and jumps to 0x8000_0000.
 *
 * <pre>
 * Machine m = VirtBoard.create().ram(128 << 20).disk(Path.of("disk.img")).console(System.out)
 *         .bios(Path.of("sbi.elf")).kernel(Path.of("labos.elf")).build();
 * </pre>
 *
 * Devices: CLINT, PLIC (contexts 0 = M, 1 = S), ns16550a UART (IRQ 10), sifive_test, eight virtio-mmio slots at
 * 0x1000_1000 + n * 0x1000 (IRQ 1 + n); slot 0 holds the virtio-blk disk if one is given (QEMU fills slots from the
 * top: with {@code -drive ... -device virtio-blk-device} it is slot 7, 0x1000_8000; see docs/platform.md). The
 * {@link DeviceTree} describing this configuration lies where QEMU puts its own (a1): 2 MiB-aligned, below RAM's end
 * (a board too small to hold it beside its images gets none: a1 = 0).
 */
public final class VirtBoard {
    /** The kernel goes at the firmware's end rounded up to 4 MiB, as QEMU does for rv32 (0x8040_0000 for small firmware). */
    public static final int KERNEL_ALIGN = 4 << 20;

    private int ramSize = 128 << 20;
    private Path diskFile;
    private byte[] diskImage;
    private int diskSlot = VirtioMmio.SLOTS - 1;
    private OutputStream console;
    private Image bios;
    private Image kernelElf;
    private byte[] kernelRaw;

    private VirtBoard() {
    }

    public static VirtBoard create() {
        return new VirtBoard();
    }

    public VirtBoard ram(int bytes) {
        this.ramSize = bytes;
        return this;
    }

    /** A disk image file: read at build time, written back (atomically) when the guest flushes or the host saves. */
    public VirtBoard disk(Path image) {
        this.diskFile = image;
        return this;
    }

    /** A disk in memory only. */
    public VirtBoard disk(byte[] image) {
        this.diskImage = image.clone();
        return this;
    }

    /** Which virtio-mmio slot (0..7) holds the disk; 7 (0x1000_8000, IRQ 8) by default, where QEMU puts the first. */
    public VirtBoard diskSlot(int slot) {
        this.diskSlot = slot;
        return this;
    }

    /** Also copy the UART's output to this stream. */
    public VirtBoard console(OutputStream out) {
        this.console = out;
        return this;
    }

    public VirtBoard bios(Image firmware) {
        this.bios = firmware;
        return this;
    }

    public VirtBoard bios(Path elf) throws IOException {
        return bios(ElfLoader.load(elf).image());
    }

    /** A kernel ELF, loaded at its own addresses; next_addr is its lowest segment, as in QEMU 7.2. */
    public VirtBoard kernel(Image elf) {
        this.kernelElf = elf;
        this.kernelRaw = null;
        return this;
    }

    /** A kernel file: an ELF, or a raw binary loaded at the firmware's end rounded up to 4 MiB. */
    public VirtBoard kernel(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 4 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
            return kernel(ElfLoader.parse(bytes, file.getFileName().toString()).image());
        }
        this.kernelRaw = bytes;
        this.kernelElf = null;
        return this;
    }

    /** The machine, powered on and ready to run from the boot ROM. */
    public Machine build() throws IOException {
        Machine m = new Machine(Bus.RAM_BASE, ramSize, false);
        for (int slot = 0; slot < VirtioMmio.SLOTS; slot++) {
            VirtioBackend backend = null;
            if (slot == diskSlot && diskFile != null) {
                backend = VirtioBlock.open(m.bus, diskFile);
            } else if (slot == diskSlot && diskImage != null) {
                VirtioBlock block = new VirtioBlock(m.bus, 0);
                block.insert(diskImage);
                backend = block;
            }
            m.bus.attach(new VirtioMmio(slot, m.bus, m.events, m.plic.line(VirtioMmio.FIRST_IRQ + slot), backend));
        }
        if (console != null) {
            m.uart.echoTo(console);
        }
        long ramEnd = (Bus.RAM_BASE & 0xFFFF_FFFFL) + ramSize;
        byte[] tree = DeviceTree.forVirtBoard(Bus.RAM_BASE, ramSize);
        int deviceTree = DeviceTree.address(Bus.RAM_BASE, ramSize, tree.length);
        int kernelAddress = 0;
        if (bios != null) {
            m.load(bios);
        }
        long firmwareEnd = bios == null ? Bus.RAM_BASE & 0xFFFF_FFFFL : bios.segments().stream()
                .mapToLong(s -> (s.address() & 0xFFFF_FFFFL) + s.memorySize()).max().orElse(0);
        if (kernelElf != null) {
            for (Image.Segment k : kernelElf.segments()) {
                long start = k.address() & 0xFFFF_FFFFL;
                if (bios != null && start < firmwareEnd && start + k.memorySize() > (Bus.RAM_BASE & 0xFFFF_FFFFL)) {
                    throw new IOException(String.format("the kernel %s has a segment at 0x%08x, inside the firmware "
                            + "(0x80000000..0x%08x); QEMU refuses overlapping images too", kernelElf.name(),
                            k.address(), firmwareEnd));
                }
            }
            Image keep = bios;
            m.load(kernelElf);
            kernelAddress = kernelElf.segments().get(0).address();
            m.setSymbols(keep == null ? kernelElf.symbols() : keep.symbols());
            m.setProgramName(keep == null ? kernelElf.name() : keep.name() + " + " + kernelElf.name());
        } else if (kernelRaw != null) {
            long at = (firmwareEnd + KERNEL_ALIGN - 1) & ~(KERNEL_ALIGN - 1L);
            if (at + kernelRaw.length > ramEnd) {
                throw new IOException("the kernel image (" + kernelRaw.length + " bytes) does not fit in RAM at 0x"
                        + Long.toHexString(at));
            }
            m.bus.copyIn((int) at, kernelRaw, 0, kernelRaw.length);
            kernelAddress = (int) at;
        }
        deviceTree = placeDeviceTree(m, tree, deviceTree, kernelRaw == null ? 0 : kernelAddress);
        m.bus.attach(new BootRom(Bus.RAM_BASE, deviceTree, kernelAddress));
        m.hart.pc = BootRom.BASE;
        m.hart.privilege = Privilege.MACHINE;
        return m;
    }

    /**
     * Writes the tree at {@code at} and returns that address for a1; or, if it would lie below RAM or cover a loaded
     * image (a board of a few MiB), writes nothing and returns 0: a1 = 0, no tree, which a kernel can report.
     */
    private int placeDeviceTree(Machine m, byte[] tree, int at, int rawKernel) {
        long start = at & 0xFFFF_FFFFL, end = start + tree.length;
        if (start < (Bus.RAM_BASE & 0xFFFF_FFFFL)) {
            return 0;
        }
        long raw = rawKernel & 0xFFFF_FFFFL;
        if (kernelRaw != null && raw < end && raw + kernelRaw.length > start) {
            return 0;
        }
        for (Image image : new Image[] {bios, kernelElf}) {
            for (Image.Segment s : image == null ? java.util.List.<Image.Segment>of() : image.segments()) {
                long from = s.address() & 0xFFFF_FFFFL;
                if (from < end && from + s.memorySize() > start) {
                    return 0;
                }
            }
        }
        m.bus.copyIn(at, tree, 0, tree.length);
        return at;
    }

    /** The virtio-blk device of a board built here, or null if it has no disk. */
    public static VirtioBlock diskOf(Machine machine) {
        for (Device d : machine.bus.devices()) {
            if (d instanceof VirtioMmio v && v.backend() instanceof VirtioBlock block) {
                return block;
            }
        }
        return null;
    }
}
