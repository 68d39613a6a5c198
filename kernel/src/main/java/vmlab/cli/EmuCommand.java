package vmlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.FastInterpreter;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.engine.TraceWriter;
import vmlab.isa.Disassembler;
import vmlab.machine.Elf;
import vmlab.machine.ElfFormatException;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;
import vmlab.machine.VirtioBlock;
import vmlab.os.LinuxProcess;

/**
 * {@code vmlab emu}: runs a RISC-V RV32 ELF on the lab machine, either as a user-mode Linux process (as
 * {@code qemu-riscv32} does) or bare-metal in M-mode ({@code --bare}). The exit status is the guest's.
 */
@Command(name = "emu",
        mixinStandardHelpOptions = true,
        description = {"Runs a RISC-V RV32IMA ELF on the lab machine.",
                "Without --bare: a static user-mode Linux program, with its system calls served as qemu-riscv32 does.",
                "With --bare: M-mode at the ELF entry; tohost (1 = pass, odd v = fail with v>>1) or sifive_test ends it.",
                "Exit status: the guest's; 128+signal if a fault killed it; 124 if --max-instructions stopped it; "
                        + "125 if it waits forever; 126 if the file is not a runnable RV32 ELF; 127 if it is missing."})
public final class EmuCommand implements Callable<Integer> {
    static final int INTERNAL_ERROR = 70, LIMIT_REACHED = 124, WAITS_FOREVER = 125, NOT_RUNNABLE = 126, NOT_FOUND = 127, INTERRUPTED = 130;

    @Parameters(index = "0", paramLabel = "PROGRAM.elf", description = "the ELF file to run")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for the guest (argv[1]...)")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--bare", description = "run bare-metal in M-mode instead of as a Linux process")
    boolean bare;

    @Option(names = "--board", paramLabel = "BOARD", description = "lab (default: the lab's block device at 0x10001000) or "
            + "virt (QEMU's virt board: PROGRAM.elf is the -bios firmware, started from the boot ROM at 0x1000 with "
            + "a0 = hart id, a1 = device tree address, a2 = fw_dynamic_info; virtio-mmio slots; implies --bare)")
    String board = "lab";

    @Option(names = "--kernel", paramLabel = "FILE", description = "with --board virt: the kernel (ELF at its addresses, "
            + "or raw at the firmware's end rounded up to 4 MiB), as QEMU's -kernel")
    Path kernelFile;

    @Option(names = "--disk", paramLabel = "IMAGE", description = "with --board virt: a raw disk image for virtio-blk "
            + "(slot 7, 0x10008000, IRQ 8, as QEMU places the first virtio-blk-device); written back on flush and at exit")
    Path diskFile;

    @Option(names = "--max-instructions", paramLabel = "N", description = "stop after N instructions (default: no limit)")
    long maxInstructions = Long.MAX_VALUE;

    @Option(names = "--trace", description = "print every retired instruction (pc, word, disassembly, register written) "
            + "to standard error")
    boolean trace;

    @Option(names = "--dir", paramLabel = "DIR", description = "the lab directory: the only files the guest can open "
            + "(default: the current directory)")
    Path directory = Path.of(".");

    @Option(names = "--memory", paramLabel = "MiB", description = "guest RAM in MiB (default: 64)")
    int memoryMiB = 64;

    @Option(names = "--stats", description = "print instructions retired, time, MIPS, traps and system calls to standard "
            + "error at the end")
    boolean stats;

    /** The engines a run can use; all give the same architectural results. */
    enum EngineChoice {
        reference, fast, compiler;

        Engine create() {
            return switch (this) {
                case reference -> new ReferenceInterpreter();
                case fast -> new FastInterpreter();
                case compiler -> new BlockCompiler();
            };
        }
    }

    @Option(names = "--engine", paramLabel = "ENGINE", description = "reference (default: the readable interpreter), "
            + "fast (predecoding interpreter) or compiler (blocks to JVM bytecode)")
    EngineChoice engineChoice = EngineChoice.reference;

    @Spec
    void configure(CommandSpec spec) {
        // Everything after the program belongs to the guest, even words that look like our options.
        spec.parser().stopAtPositional(true);
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        Elf elf;
        try {
            elf = ElfLoader.load(program);
        } catch (NoSuchFileException e) {
            err.println("vmlab emu: no such file: " + program);
            return NOT_FOUND;
        } catch (IOException e) {
            err.println("vmlab emu: cannot read " + program + ": " + e.getMessage());
            return NOT_FOUND;
        } catch (ElfFormatException e) {
            err.println("vmlab emu: " + e.getMessage());
            return NOT_RUNNABLE;
        }
        if (memoryMiB < 1 || memoryMiB > 1024) {
            err.println("vmlab emu: --memory must be between 1 and 1024 MiB");
            return NOT_RUNNABLE;
        }
        boolean virt = board.equals("virt");
        if (!virt && !board.equals("lab")) {
            err.println("vmlab emu: --board must be lab or virt, not " + board);
            return NOT_RUNNABLE;
        }
        if (!virt && (kernelFile != null || diskFile != null)) {
            err.println("vmlab emu: --kernel and --disk need --board virt");
            return NOT_RUNNABLE;
        }
        Machine machine;
        try {
            machine = virt ? virtBoard(elf) : new Machine(memoryMiB << 20);
        } catch (NoSuchFileException e) {
            err.println("vmlab emu: no such file: " + e.getFile());
            return NOT_FOUND;
        } catch (IOException | ElfFormatException e) {
            err.println("vmlab emu: " + e.getMessage());
            return NOT_RUNNABLE;
        } catch (OutOfMemoryError e) {
            err.println("vmlab emu: the JVM cannot give the guest " + memoryMiB + " MiB of RAM; use a smaller --memory "
                    + "or a larger -Xmx");
            return NOT_RUNNABLE;
        }
        try {
            if (virt) {
                typeStandardInput(machine);
            } else if (bare) {
                machine.load(elf.image());
                machine.uart.echoTo(System.out);
            } else {
                if (!Files.isDirectory(directory)) {
                    err.println("vmlab emu: the lab directory " + directory + " does not exist");
                    return NOT_FOUND;
                }
                List<String> argv = new ArrayList<>();
                argv.add(program.toString());
                argv.addAll(arguments);
                LinuxProcess.start(machine, elf, argv, Map.of(), directory,
                        LinuxProcess.Streams.of(System.in, System.out, System.err));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("vmlab emu: " + e.getMessage());
            return NOT_RUNNABLE;
        }
        if (trace) {
            machine.setTracer(new TraceWriter(err, Disassembler::disassemble));
        }
        Engine engine = engineChoice.create();
        long started = System.nanoTime();
        Stop stop;
        try {
            stop = engine.run(machine, maxInstructions);
        } catch (RuntimeException | StackOverflowError e) {
            // Guest faults are traps, never exceptions: reaching this is a bug in the lab machine, reported in one line.
            err.printf("vmlab emu: internal error in the lab machine at pc 0x%08x after %d instructions: %s (at %s)%n",
                    machine.hart.pc, machine.hart.minstret, e, e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            return INTERNAL_ERROR;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.flush();
        VirtioBlock disk = virt ? VirtBoard.diskOf(machine) : null;
        if (disk != null) {
            try {
                disk.save();
            } catch (IOException e) {
                err.println("vmlab emu: cannot write the disk image back to " + disk.file() + ": " + e.getMessage());
            }
        }
        if (stats) {
            err.printf("vmlab emu: %s: %d instructions in %.3f s = %.1f MIPS (%s); traps %s; system calls %s%n",
                    engine.name(), machine.hart.minstret, seconds, machine.hart.minstret / seconds / 1e6, stop,
                    machine.counters.trapsByCause(), machine.counters.syscallsByNumber());
        }
        return switch (stop) {
            case EXITED -> {
                if (virt && machine.exitCode() != 0) {
                    err.println("vmlab emu: " + machine.exitReason());
                    yield machine.exitCode();
                }
                if (machine.exitCode() != 0 && !machine.exitReason().startsWith("exited")) {
                    err.println("vmlab emu: " + program.getFileName() + " " + machine.exitReason());
                }
                yield machine.exitCode();
            }
            case INSTRUCTION_LIMIT -> {
                err.printf("vmlab emu: stopped after %d instructions (--max-instructions); the guest had not exited, "
                        + "pc 0x%08x%n", maxInstructions, machine.hart.pc);
                yield LIMIT_REACHED;
            }
            case WAITING_FOREVER -> {
                err.printf("vmlab emu: the guest executed WFI at 0x%08x with no interrupt enabled that could wake it%n",
                        machine.hart.pc - 4);
                yield WAITS_FOREVER;
            }
            case INTERRUPTED -> {
                err.println("vmlab emu: interrupted");
                yield INTERRUPTED;
            }
            case BREAKPOINT -> 0; // no breakpoints are set from the command line
        };
    }

    private Machine virtBoard(Elf firmware) throws IOException {
        VirtBoard b = VirtBoard.create().ram(memoryMiB << 20).bios(firmware.image()).console(System.out);
        if (kernelFile != null) {
            b.kernel(kernelFile);
        }
        if (diskFile != null) {
            b.disk(diskFile);
        }
        return b.build();
    }

    /** Standard input goes to the UART as the host types it; the guest sees it at its next check point. */
    private static void typeStandardInput(Machine machine) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                for (int n; (n = System.in.read(buffer)) > 0; ) {
                    machine.uart.type(buffer, n);
                }
            } catch (IOException e) {
                // the console's input is gone; the guest simply receives nothing more
            }
        }, "vmlab-console-input");
        reader.setDaemon(true);
        reader.start();
    }
}
