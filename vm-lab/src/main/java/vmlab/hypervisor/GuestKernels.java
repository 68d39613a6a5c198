package vmlab.hypervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;

/** The S-mode kernels built from {@code vm-lab/guest/hypervisor}, shipped as resources. */
public final class GuestKernels {
    private GuestKernels() {
    }

    /** The small test kernel: console three ways, CSR checks, Sv32 paging, a user task under the SBI timer. */
    public static Elf skernel() {
        return load("skernel");
    }

    /** The I/O test kernel: 64 KiB to a disk and back, through an emulated (PIO) disk or virtio-blk, whichever it has. */
    public static Elf ioKernel() {
        return load("iokernel");
    }

    /** labOS (branch labos, {@code vm-lab/guest/labos}), the course's guest operating system, unmodified. */
    public static Elf labos() {
        return resource("/vmlab/guest/labos/labos.elf", "labos.elf");
    }

    /** A corpus program (a static Linux RV32 ELF) by name. */
    public static Elf corpusProgram(String name) {
        return vmlab.os.GuestCorpus.program(name);
    }

    static Elf load(String name) {
        return resource("/vmlab/guest/hypervisor/" + name + ".elf", name + ".elf");
    }

    private static Elf resource(String path, String name) {
        try (InputStream in = GuestKernels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no guest " + path + " on the class path (run make in vm-lab/guest)");
            }
            return ElfLoader.parse(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
