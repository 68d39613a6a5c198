package vmlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.Stop;
import vmlab.engine.TranslationStatistics;
import vmlab.filesystem.LabFsImage;
import vmlab.lab.Guest;
import vmlab.lab.LabComputer;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;
import vmlab.os.LinuxProcess;

/**
 * Benchmark: labOS on the block compiler. Every figure is given as wall time and as the CPU time of the thread that
 * ran the guest (on a shared machine the wall clock also counts time waiting for a core). (1) Wall time from power-on to the shell's first prompt, against
 * qemu-system-riscv32 booting the same firmware, kernel and disk in the same run. (2) A CPU-bound corpus program run
 * from labOS's shell against the same program under {@code vmlab emu} (the lab's host kernel), both on the block
 * compiler, warm. Medians of the repeats; the first run of each (the first {@link #WARMUP} of the program) is warm-up.
 * <pre>java -cp kernel/target/vmlab.jar vmlab.cli.LabOsBenchmark [REPEATS] [PROGRAM ARGS...]</pre>
 */
public final class LabOsBenchmark {
    private static final long LIMIT = 20_000_000_000L;
    /**
     * Unmeasured runs before the measured ones. Each labOS run also executes code that runs once per command (the shell,
     * the ELF loader, the virtio and PLIC models, the translation of the program on a fresh board); HotSpot was still
     * compiling it during runs 2 to 9, on the other core, and on a loaded two-core machine that showed in labOS's wall
     * time only. After three runs its compile time inside the measured runs fell from about 0.1-0.24 s to under 0.05 s.
     */
    private static final int WARMUP = 3;

    private LabOsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> program = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("fib", "30");
        byte[] disk = disk();
        Path dir = Files.createTempDirectory("vmlab-labos-benchmark-");
        Path image = dir.resolve("disk.img");
        Files.write(image, disk);

        double[] boot = new double[repeats], bootCpu = new double[repeats];
        long bootInstructions = 0;
        for (int i = -1; i < repeats; i++) {
            long start = System.nanoTime(), cpu = cpu();
            Machine m = board(disk);
            Stop stop = new BlockCompiler().run(m, LIMIT);
            double seconds = (System.nanoTime() - start) / 1e9, cpuSeconds = (cpu() - cpu) / 1e9;
            check(stop == Stop.WAITING_FOREVER && m.uart.output().endsWith("labos$ "), "boot", m);
            if (i >= 0) {
                boot[i] = seconds;
                bootCpu[i] = cpuSeconds;
                bootInstructions = m.hart.minstret;
            }
        }
        double[] qemuBoot = new double[repeats];
        for (int i = -1; i < repeats; i++) {
            double q = qemuBootToPrompt(image);
            if (i >= 0) {
                qemuBoot[i] = q;
            }
        }

        String command = String.join(" ", program);
        double[] inside = new double[repeats], insideCpu = new double[repeats];
        double[] emu = new double[repeats], emuCpu = new double[repeats];
        double[] insideProcess = new double[repeats], emuProcess = new double[repeats];
        double[] insideJit = new double[repeats], emuJit = new double[repeats];
        long insideInstructions = 0, emuInstructions = 0;
        String insideDispatch = "", emuDispatch = "";
        // The two are measured in turn, so a change in the machine's load hits both alike.
        for (int i = -WARMUP; i < repeats; i++) {
            Machine m = board(disk);
            BlockCompiler engine = new BlockCompiler();
            check(engine.run(m, LIMIT) == Stop.WAITING_FOREVER, "boot", m);
            long before = m.hart.minstret;
            TranslationStatistics bootStats = BlockCompiler.statistics(m);
            long hitsBefore = bootStats.cacheHits(), interpretedBefore = bootStats.interpretedBlocks();
            m.uart.type(command + "\n");
            long start = System.nanoTime(), cpu = cpu(), process = processCpu(), jit = jitMillis();
            Stop stop = engine.run(m, LIMIT);
            double seconds = (System.nanoTime() - start) / 1e9, cpuSeconds = (cpu() - cpu) / 1e9;
            double processSeconds = (processCpu() - process) / 1e9, jitSeconds = (jitMillis() - jit) / 1e3;
            check(stop == Stop.WAITING_FOREVER && m.uart.output().endsWith("labos$ "), command, m);

            Machine e = new Machine();
            LinuxProcess.start(e, Guest.program(program.get(0)), program, Map.of(), dir,
                    LinuxProcess.Streams.of(InputStream.nullInputStream(), new ByteArrayOutputStream(),
                            new ByteArrayOutputStream()));
            long emuStart = System.nanoTime(), emuCpuStart = cpu(), emuProcessStart = processCpu(), emuJitStart = jitMillis();
            Stop emuStop = new BlockCompiler().run(e, LIMIT);
            double emuSeconds = (System.nanoTime() - emuStart) / 1e9, emuCpuSeconds = (cpu() - emuCpuStart) / 1e9;
            double emuProcessSeconds = (processCpu() - emuProcessStart) / 1e9, emuJitSeconds = (jitMillis() - emuJitStart) / 1e3;
            check(emuStop == Stop.EXITED, "vmlab emu " + command, e);
            if (i >= 0) {
                inside[i] = seconds;
                insideCpu[i] = cpuSeconds;
                insideInstructions = m.hart.minstret - before;
                emu[i] = emuSeconds;
                emuCpu[i] = emuCpuSeconds;
                insideProcess[i] = processSeconds;
                emuProcess[i] = emuProcessSeconds;
                insideJit[i] = jitSeconds;
                emuJit[i] = emuJitSeconds;
                emuInstructions = e.hart.minstret;
                TranslationStatistics s = BlockCompiler.statistics(m), es = BlockCompiler.statistics(e);
                insideDispatch = dispatch(s.cacheHits() - hitsBefore, s.interpretedBlocks() - interpretedBefore);
                emuDispatch = dispatch(es.cacheHits(), es.interpretedBlocks());
            }
        }

        System.out.printf(Locale.ROOT, "labOS benchmark, block compiler, %d measured runs (after 1 warm-up boot and %d "
                        + "warm-up program runs), JDK %s, %d cores%n", repeats, WARMUP, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-44s %10s %10s %14s%n", "what", "wall s", "cpu s", "instructions");
        row("boot to shell prompt, VM Lab", median(boot), median(bootCpu), bootInstructions);
        System.out.printf(Locale.ROOT, "%-44s %10.3f %10s %14s%n", "boot to shell prompt, qemu-system-riscv32",
                median(qemuBoot), "-", "-");
        row(command + " inside labOS (shell to prompt)", median(inside), median(insideCpu), insideInstructions);
        row(command + " under vmlab emu", median(emu), median(emuCpu), emuInstructions);
        System.out.printf(Locale.ROOT, "process cpu s (all JVM threads: JIT, GC): inside labOS %.3f, vmlab emu %.3f%n",
                median(insideProcess), median(emuProcess));
        System.out.printf(Locale.ROOT, "HotSpot compiling (its own estimate): inside labOS %.3f s, vmlab emu %.3f s%n",
                median(insideJit), median(emuJit));
        System.out.printf(Locale.ROOT, "dispatch (last run): inside labOS %s; vmlab emu %s%n", insideDispatch, emuDispatch);
        System.out.printf(Locale.ROOT, "boot to shell <= 0.5 s wall: %s; labOS / emu: %.2f wall, %.2f cpu (target <= 1.10)%n",
                median(boot) <= 0.5 ? "met" : "MISSED", median(inside) / median(emu), median(insideCpu) / median(emuCpu));
    }

    private static void row(String what, double wall, double cpu, long instructions) {
        System.out.printf(Locale.ROOT, "%-44s %10.3f %10.3f %,14d%n", what, wall, cpu, instructions);
    }

    private static String dispatch(long hits, long interpreted) {
        return String.format(Locale.ROOT, "%,d translations entered, %,d blocks interpreted", hits, interpreted);
    }

    /** CPU time of the whole JVM (the guest's thread, the JIT compilers, the garbage collector), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static byte[] disk() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : Guest.programs()) {
            try (InputStream in = Guest.class.getResourceAsStream("/vmlab/guest/" + name + ".elf")) {
                files.put(name + ".elf", in.readAllBytes());
            }
        }
        return LabFsImage.of(files, LabFsImage.DEFAULT_SECTORS).toBytes();
    }

    private static Machine board(byte[] disk) throws IOException {
        return VirtBoard.create().ram(32 << 20).bios(LabComputer.firmware().image())
                .kernel(LabComputer.kernel().image()).disk(disk.clone()).build();
    }

    private static void check(boolean ok, String what, Machine m) {
        if (!ok) {
            throw new IllegalStateException(what + " did not reach the prompt; console:\n" + m.uart.output());
        }
    }

    /** Seconds from starting qemu until its console shows the shell's prompt. */
    private static double qemuBootToPrompt(Path image) throws IOException, InterruptedException {
        Path firmware = Files.createTempFile("firmware", ".elf");
        Path kernel = Files.createTempFile("labos", ".elf");
        Files.write(firmware, Guest.class.getResourceAsStream("/vmlab/guest/firmware/firmware.elf").readAllBytes());
        Files.write(kernel, Guest.class.getResourceAsStream("/vmlab/guest/labos/labos.elf").readAllBytes());
        List<String> command = new ArrayList<>(List.of("qemu-system-riscv32", "-M", "virt", "-m", "32M", "-nographic",
                "-monitor", "none", "-serial", "stdio", "-bios", firmware.toString(), "-kernel", kernel.toString(),
                "-global", "virtio-mmio.force-legacy=false", "-drive", "file=" + image + ",if=none,format=raw,id=d0",
                "-device", "virtio-blk-device,drive=d0"));
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (InputStream out = qemu.getInputStream()) {
            for (int c; (c = out.read()) >= 0; ) {
                seen.append((char) c);
                if (seen.toString().endsWith("labos$ ")) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    qemu.destroyForcibly().waitFor();
                    return seconds;
                }
            }
        } finally {
            qemu.destroyForcibly();
            Files.deleteIfExists(firmware);
            Files.deleteIfExists(kernel);
        }
        throw new IllegalStateException("qemu ended before the prompt: " + new String(seen.toString().getBytes(), StandardCharsets.UTF_8));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
