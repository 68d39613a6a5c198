package vmlab.lab;

import static vmlab.html.HtmlText.escape;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vmlab.engine.Engine;
import vmlab.engine.ReferenceInterpreter;
import vmlab.engine.Stop;
import vmlab.engine.TraceWriter;
import vmlab.isa.Disassembler;
import vmlab.isa.Image;
import vmlab.machine.Bus;
import vmlab.machine.Cause;
import vmlab.machine.ControlRegisters;
import vmlab.machine.Elf;
import vmlab.machine.Hart;
import vmlab.machine.Machine;
import vmlab.machine.Privilege;
import vmlab.os.LinuxProcess;
import vmlab.os.SystemCalls;

/**
 * The lab machine as a notebook cell sees it: load a program, run or step it, look at registers, memory, disassembly and
 * counters. Displays show what the last step or run changed.
 * <pre>
 * var m = Lab.machine();
 * m.load(Guest.program("fib"));
 * m.breakAt("fib").run();     // stops before fib's first instruction
 * m.step(3)                    // the register table highlights what the three instructions changed
 * m.disassembly()              // the code around the pc
 * </pre>
 */
public final class LabMachine {
    private final Machine machine;
    private Engine engine = new ReferenceInterpreter();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final java.util.ArrayDeque<Byte> input = new java.util.ArrayDeque<>();
    private LinuxProcess process;
    private Path labDirectory;
    private int[] registersBefore = new int[32];
    private int pcBefore;
    private Stop lastStop;
    private long lastInstructions;

    LabMachine(int ramBytes) {
        this.machine = new Machine(ramBytes);
    }

    // ---- loading --------------------------------------------------------------------------------------------------------

    /**
     * Loads a program. A program linked for RAM (0x8000_0000 and up) runs bare-metal in M-mode; anything else runs as a
     * user-mode Linux process with {@code args} as argv[1..].
     */
    public LabMachine load(Elf program, String... args) {
        if (machine.fitsInRam(program.image())) {
            return load(program.image());
        }
        stdout.reset();
        stderr.reset();
        List<String> argv = new ArrayList<>();
        argv.add(program.image().name());
        argv.addAll(Arrays.asList(args));
        InputStream stdin = new InputStream() { // reads what input(...) queued, then end of file
            @Override
            public int read() {
                return input.isEmpty() ? -1 : input.poll() & 0xFF;
            }
        };
        process = LinuxProcess.start(machine, program, argv, Map.of(), labDirectory,
                LinuxProcess.Streams.of(stdin, stdout, stderr));
        remember();
        return this;
    }

    /** Loads an image (an assembled cell, a bare-metal ELF) to run in M-mode from its entry. */
    public LabMachine load(Image image) {
        machine.reset();
        process = null;
        stdout.reset();
        stderr.reset();
        machine.load(image);
        remember();
        return this;
    }

    /** Text the guest will read from stdin (user mode) or the UART (bare-metal). */
    public LabMachine input(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            input.add(b);
        }
        machine.uart.type(text);
        return this;
    }

    /** The only directory a user-mode program may open files in (none by default). Call before load. */
    public LabMachine labDirectory(String directory) {
        this.labDirectory = Path.of(directory);
        return this;
    }

    /** Runs on another engine (the fast engines of the JIT lesson). */
    public LabMachine engine(Engine engine) {
        this.engine = engine;
        return this;
    }

    // ---- running --------------------------------------------------------------------------------------------------------

    /** Runs until the guest exits, a breakpoint, or a notebook interrupt. */
    public LabMachine run() {
        return run(Long.MAX_VALUE);
    }

    /** Runs at most {@code instructions} instructions. */
    public LabMachine run(long instructions) {
        remember();
        long before = machine.hart.minstret;
        lastStop = engine.run(machine, instructions);
        lastInstructions = machine.hart.minstret - before;
        return this;
    }

    public LabMachine step() {
        return run(1);
    }

    public LabMachine step(int instructions) {
        return run(instructions);
    }

    /** Runs {@code instructions} instructions and returns their trace: pc, word, disassembly, register written, traps. */
    public String trace(int instructions) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        machine.setTracer(new TraceWriter(new java.io.PrintStream(lines, true, StandardCharsets.UTF_8),
                Disassembler::disassemble));
        try {
            run(instructions);
        } finally {
            machine.setTracer(null);
        }
        return lines.toString(StandardCharsets.UTF_8);
    }

    /** Stops future runs before the instruction at {@code symbolOrAddress} ("main", "0x80000010"). */
    public LabMachine breakAt(String symbolOrAddress) {
        machine.breakpoints().add(address(symbolOrAddress));
        return this;
    }

    public LabMachine clearBreakpoints() {
        machine.breakpoints().clear();
        return this;
    }

    private int address(String symbolOrAddress) {
        Integer symbol = machine.symbols().get(symbolOrAddress);
        if (symbol != null) {
            return symbol;
        }
        try {
            return Integer.parseUnsignedInt(symbolOrAddress.replaceFirst("^0x", ""), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + symbolOrAddress + "' is neither a symbol of "
                    + machine.programName() + " nor a hex address");
        }
    }

    private void remember() {
        registersBefore = machine.hart.x.clone();
        pcBefore = machine.hart.pc;
    }

    // ---- looking ------------------------------------------------------------------------------------------------------

    public int pc() {
        return machine.hart.pc;
    }

    /** Register x{@code n}. */
    public int reg(int n) {
        return machine.hart.x[n];
    }

    /** A register by ABI or x-name: "a0", "sp", "x5". */
    public int reg(String name) {
        if (name.matches("x\\d+")) {
            return reg(Integer.parseInt(name.substring(1)));
        }
        int index = Arrays.asList(Hart.ABI_NAMES).indexOf(name.equals("fp") ? "s0" : name);
        if (index < 0) {
            throw new IllegalArgumentException("no register '" + name + "'; use x0..x31 or " + List.of(Hart.ABI_NAMES));
        }
        return reg(index);
    }

    /** A CSR by name ("mstatus", "mcause", "satp", ...), whatever the current privilege. */
    public long csr(String name) {
        for (int number = 0; number < 4096; number++) {
            if (ControlRegisters.name(number).equals(name)) {
                return machine.csrs.read(number);
            }
        }
        throw new IllegalArgumentException("no CSR named '" + name + "'");
    }

    /** The main CSRs, name to value. */
    public Map<String, String> csrs() {
        int[] numbers = {ControlRegisters.MSTATUS, ControlRegisters.MISA, ControlRegisters.MTVEC, ControlRegisters.MEPC,
                ControlRegisters.MCAUSE, ControlRegisters.MTVAL, ControlRegisters.MIE, ControlRegisters.MIP,
                ControlRegisters.MEDELEG, ControlRegisters.MIDELEG, ControlRegisters.STVEC, ControlRegisters.SEPC,
                ControlRegisters.SCAUSE, ControlRegisters.STVAL, ControlRegisters.SATP, ControlRegisters.MSCRATCH,
                ControlRegisters.SSCRATCH};
        Map<String, String> result = new LinkedHashMap<>();
        for (int n : numbers) {
            result.put(ControlRegisters.name(n), String.format("0x%08x", machine.csrs.read(n)));
        }
        result.put("mcycle", Long.toString(machine.hart.mcycle));
        result.put("minstret", Long.toString(machine.hart.minstret));
        return result;
    }

    /** {@code length} bytes from {@code address}: virtual addresses for a process, physical ones bare-metal. */
    public MemoryDump memory(int address, int length) {
        int[] bytes = new int[Math.max(0, Math.min(length, 1 << 20))];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = readByte(address + k);
        }
        return new MemoryDump(address, bytes);
    }

    /** The memory at a symbol ("tohost", "buffer"). */
    public MemoryDump memory(String symbol, int length) {
        return memory(address(symbol), length);
    }

    private int readByte(int address) {
        if (process != null) {
            byte[] one = new byte[1];
            return process.memory().isReserved(address) && process.memory().read(address, one, 0, 1) ? one[0] & 0xFF : -1;
        }
        long value = machine.bus.read(address, 1);
        return value == Bus.FAULT ? -1 : (int) value;
    }

    private int readWord(int address) {
        int word = 0;
        for (int k = 0; k < 4; k++) {
            int b = readByte(address + k);
            word |= (b < 0 ? 0 : b) << (8 * k);
        }
        return word;
    }

    /** Eight instructions before the pc and eight from it, disassembled; the pc's line is marked with {@code =>}. */
    public String disassembly() {
        String pcLine = String.format("%8x:", machine.hart.pc);
        StringBuilder out = new StringBuilder();
        for (String line : disassembly(machine.hart.pc - 32, 16).split("\n")) {
            out.append(line.startsWith(pcLine) ? "=> " : "   ").append(line).append('\n');
        }
        return out.toString();
    }

    /** {@code count} instructions from {@code address}; at most 65,536, so a typo cannot fill the kernel's heap. */
    public String disassembly(int address, int count) {
        return Disassembler.disassemble(this::readWord, address, Math.max(0, Math.min(count, 1 << 16)));
    }

    /** The guest's output so far: stdout of a process, or the UART of a bare-metal program. */
    public String output() {
        return process != null ? stdout.toString(StandardCharsets.UTF_8) : machine.uart.output();
    }

    public String errors() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    public boolean exited() {
        return machine.exited();
    }

    public int exitCode() {
        return machine.exitCode();
    }

    /** Why the last run or step returned. */
    public Stop stopReason() {
        return lastStop;
    }

    public long instructions() {
        return machine.hart.minstret;
    }

    /** Traps by cause name. */
    public Map<String, Long> traps() {
        return machine.counters.trapsByCause();
    }

    /** System calls by name ("write", "brk", "syscall 999"). */
    public Map<String, Long> syscalls() {
        Map<String, Long> named = new LinkedHashMap<>();
        machine.counters.syscallsByNumber().forEach((n, count) -> named.put(SystemCalls.name(n) + " (" + n + ")", count));
        return named;
    }

    /** The simulated computer itself, for cells that go deeper. */
    public Machine machine() {
        return machine;
    }

    // ---- displays -----------------------------------------------------------------------------------------------------

    private String status() {
        Hart h = machine.hart;
        String where = machine.symbolize(h.pc);
        StringBuilder s = new StringBuilder(String.format("%s  pc=0x%08x%s  %s-mode  %,d instructions",
                machine.programName(), h.pc, where == null ? "" : " <" + where + ">", Privilege.name(h.privilege),
                h.minstret));
        if (lastStop != null) {
            s.append("  last run: ").append(String.format("%,d", lastInstructions)).append(" instructions, ")
                    .append(lastStop.description());
        }
        if (machine.exited()) {
            s.append("  [").append(machine.exitReason()).append(']');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(status()).append('\n');
        int[] x = machine.hart.x;
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 4; col++) {
                int r = row + 8 * col;
                boolean changed = x[r] != registersBefore[r];
                out.append(String.format("%-4s %08x%s  ", Hart.ABI_NAMES[r], x[r], changed ? "*" : " "));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The status line, a register table with changed registers highlighted, and the next instructions. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div style=\"font-family:monospace\"><div><b>")
                .append(escape(status())).append("</b></div><table style=\"border-collapse:collapse\">");
        int[] x = machine.hart.x;
        for (int row = 0; row < 8; row++) {
            html.append("<tr>");
            for (int col = 0; col < 4; col++) {
                int r = row + 8 * col;
                boolean changed = x[r] != registersBefore[r];
                html.append("<td style=\"padding:1px 6px;text-align:left;color:#666\">").append(Hart.ABI_NAMES[r])
                        .append("</td><td style=\"padding:1px 6px;text-align:left").append(changed ? ";background:#ffe08a" : "")
                        .append("\" title=\"").append(changed ? "was 0x" + Integer.toHexString(registersBefore[r]) : "")
                        .append("\">").append(String.format("%08x", x[r])).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        if (machine.hart.pc != pcBefore) {
            html.append(String.format("<div>pc 0x%08x &rarr; 0x%08x</div>", pcBefore, machine.hart.pc));
        }
        html.append("<pre>").append(escape(disassembly(machine.hart.pc, 4))).append("</pre></div>");
        return html.toString();
    }

    /** The cause name of the last trap taken into M-mode (handy after a fault). */
    public String lastTrap() {
        return Cause.name(machine.hart.mcause);
    }
}
