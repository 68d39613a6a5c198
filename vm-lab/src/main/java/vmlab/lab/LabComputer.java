package vmlab.lab;

import static vmlab.html.HtmlText.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vmlab.engine.BlockCompiler;
import vmlab.engine.Engine;
import vmlab.engine.Stop;
import vmlab.filesystem.CorruptImageException;
import vmlab.filesystem.LabFsEntry;
import vmlab.filesystem.LabFsImage;
import vmlab.machine.Elf;
import vmlab.machine.ElfLoader;
import vmlab.machine.Machine;
import vmlab.machine.VirtBoard;

/**
 * A whole computer in a cell: QEMU's virt board with RAM, a disk image on the host and a console, running the SBI
 * firmware and labOS. Power it on, type commands, read the console, count interrupts by source and traps by cause.
 * Power off keeps the disk (the host file, written atomically after every command); power on boots from it again.
 * <pre>
 * var pc = Lab.computer().powerOn();
 * pc.command("ls").command("fib 20");
 * pc.interrupts()
 * </pre>
 */
public final class LabComputer {
    /** What one command may run before the computer is stopped (a runaway guest): about a minute on the block compiler. */
    public static final long INSTRUCTIONS_PER_COMMAND = 4_000_000_000L;
    private static final String PROMPT = "labos$ ";
    private static final int UART_IRQ = 10;

    private final Path diskFile;
    private int ramMiB = 32;
    private Engine engine = new BlockCompiler();
    private Machine machine;   // the last one powered on: its counters and console stay readable after power-off
    private boolean on;
    private int boots;
    private int outputMark;
    private Stop lastStop;

    LabComputer(Path diskFile) {
        this.diskFile = diskFile;
    }

    /** The SBI firmware (M-mode), built from vm-lab/guest/firmware and shipped in the jar. */
    public static Elf firmware() {
        return systemElf("firmware/firmware.elf");
    }

    /** labOS, the S-mode kernel, built from vm-lab/guest/labos and shipped in the jar. */
    public static Elf kernel() {
        return systemElf("labos/labos.elf");
    }

    private static Elf systemElf(String path) {
        try (var in = LabComputer.class.getResourceAsStream("/vmlab/guest/" + path)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks /vmlab/guest/" + path + ": run make in vm-lab/guest");
            }
            return ElfLoader.parse(in.readAllBytes(), path.substring(path.indexOf('/') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /vmlab/guest/" + path, e);
        }
    }

    /** A disk image holding the course's corpus programs and a welcome note, written to {@code file}. */
    static void createDisk(Path file) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String program : Guest.programs()) {
            try (var in = Guest.class.getResourceAsStream("/vmlab/guest/" + program + ".elf")) {
                files.put(program + ".elf", in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the corpus program " + program, e);
            }
        }
        files.put("motd.txt", "Welcome to labOS. Try: ls, cat motd.txt, fib 20, echo hi > note.txt\n"
                .getBytes(StandardCharsets.UTF_8));
        try {
            LabFsImage.of(files, LabFsImage.DEFAULT_SECTORS).write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the disk image " + file, e);
        }
    }

    /** RAM in MiB (labOS needs at least 8); takes effect at the next power-on. */
    public LabComputer ram(int mib) {
        if (mib < 8 || mib > 1024) {
            throw new IllegalArgumentException("RAM must be between 8 and 1024 MiB, not " + mib);
        }
        ramMiB = mib;
        return this;
    }

    /** The engine that runs the board (the block compiler unless you choose another). */
    public LabComputer engine(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** Boots from the disk: firmware, then labOS, until its shell waits for a command. */
    public LabComputer powerOn() {
        if (isOn()) {
            return this;
        }
        try {
            LabFsImage.read(diskFile);      // a corrupted image is reported here, before the guest sees it
            machine = VirtBoard.create().ram(ramMiB << 20)
                    .bios(firmware().image())
                    .kernel(kernel().image())
                    .disk(diskFile)
                    .build();
        } catch (CorruptImageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot boot from " + diskFile + ": " + e.getMessage(), e);
        }
        on = true;
        boots++;
        outputMark = 0;
        runUntilIdle();
        return this;
    }

    /** Types a line into the console and runs until labOS waits for the next one (or powers off). */
    public LabComputer command(String line) {
        return type(line + "\n");
    }

    /** Types raw keys (for a program reading standard input, or ctrl-D as "\u0004"). */
    public LabComputer type(String keys) {
        if (!isOn()) {
            throw new IllegalStateException("the computer is off: powerOn() first");
        }
        outputMark = machine.uart.output().length();
        machine.uart.type(keys);
        runUntilIdle();
        return this;
    }

    /** Stops the machine; the disk image on the host keeps everything labOS wrote. */
    public LabComputer powerOff() {
        if (machine != null) {
            saveDisk();
        }
        on = false;
        return this;
    }

    private void runUntilIdle() {
        lastStop = engine.run(machine, INSTRUCTIONS_PER_COMMAND);
        saveDisk();
        if (machine.exited()) {
            on = false;     // labOS powered itself off (poweroff, or a fatal firmware trap)
        }
    }

    private void saveDisk() {
        try {
            VirtBoard.diskOf(machine).save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the disk back to " + diskFile, e);
        }
    }

    public boolean isOn() {
        return on;
    }

    /** Everything the console printed since the last power-on. */
    public String console() {
        return machine == null ? "" : machine.uart.output();
    }

    /** What the last command printed (after the echo of what was typed, up to the next prompt). */
    public String output() {
        String all = console();
        String since = all.substring(Math.min(outputMark, all.length()));
        int firstNewline = since.indexOf('\n');
        String body = firstNewline < 0 ? "" : since.substring(firstNewline + 1);
        return body.endsWith(PROMPT) ? body.substring(0, body.length() - PROMPT.length()) : body;
    }

    /** Interrupts the kernel took, by source: the timer, the console (UART, IRQ 10), the disk (virtio, IRQ 8). */
    public Map<String, Long> interrupts() {
        Map<String, Long> bySource = new LinkedHashMap<>();
        if (machine == null) {
            return bySource;
        }
        bySource.put("timer", machine.counters.trapsByCause().getOrDefault("supervisor timer interrupt", 0L));
        bySource.put("console (UART, IRQ 10)", machine.plic.claims(UART_IRQ));
        for (int irq = 1; irq <= 8; irq++) {
            if (machine.plic.claims(irq) > 0) {
                bySource.put("disk (virtio, IRQ " + irq + ")", machine.plic.claims(irq));
            }
        }
        return bySource;
    }

    /** Traps by cause since power-on: system calls, page faults, interrupts, the firmware's SBI calls. */
    public Map<String, Long> traps() {
        return machine == null ? Map.of() : machine.counters.trapsByCause();
    }

    /** Instructions retired since power-on. */
    public long instructions() {
        return machine == null ? 0 : machine.hart.minstret;
    }

    /** The files on the disk, as labOS left them. */
    public List<LabFsEntry> files() {
        try {
            return !on ? LabFsImage.read(diskFile).entries()
                    : LabFsImage.parse(VirtBoard.diskOf(machine).disk(), diskFile.toString()).entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public Path disk() {
        return diskFile;
    }

    @Override
    public String toString() {
        return "labOS computer, " + ramMiB + " MiB RAM, disk " + diskFile + (on ? ", on" : ", off") + ", boot " + boots
                + ", " + String.format("%,d", instructions()) + " instructions" + (lastStop == null ? "" : ", " + lastStop.description());
    }

    /** The console (its last lines), interrupts by source, traps by cause and the disk's files, side by side. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div style=\"font-family:monospace\"><div><b>")
                .append(escape(toString())).append("</b></div><div style=\"display:flex;gap:16px;align-items:flex-start\">")
                .append("<pre style=\"background:#111;color:#ddd;padding:6px;min-width:40em;max-height:24em;overflow:auto\">")
                .append(escape(lastLines(console(), 30))).append("</pre><div>");
        table(html, "interrupts by source", interrupts());
        Map<String, Long> traps = new TreeMap<>(traps());
        table(html, "traps by cause", traps);
        Map<String, Long> files = new LinkedHashMap<>();
        try {
            for (LabFsEntry e : files()) {
                files.put(e.name(), (long) e.size());
            }
        } catch (RuntimeException e) {
            files.put("(unreadable: " + e.getMessage() + ")", 0L);
        }
        table(html, "disk " + diskFile.getFileName() + " (bytes)", files);
        return html.append("</div></div></div>").toString();
    }

    private static void table(StringBuilder html, String title, Map<String, Long> rows) {
        html.append("<table style=\"border-collapse:collapse;margin-bottom:8px\"><tr><th colspan=2 style=\"text-align:left\">")
                .append(escape(title)).append("</th></tr>");
        rows.forEach((k, v) -> html.append("<tr><td style=\"padding:1px 6px;text-align:left\">").append(escape(k))
                .append("</td><td style=\"padding:1px 6px;text-align:right\">").append(String.format("%,d", v)).append("</td></tr>"));
        html.append("</table>");
    }

    private static String lastLines(String text, int lines) {
        int at = text.length();
        for (int i = 0; i < lines && at > 0; i++) {
            at = text.lastIndexOf('\n', at - 1);
            if (at < 0) {
                return text;
            }
        }
        return text.substring(at + 1);
    }
}
