package vmlab.isa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A RISC-V assembler for GNU as syntax (RV32IMA, Zicsr, Zifencei, the privileged instructions and the usual
 * pseudo-instructions and directives). It resolves every symbol itself, like {@code as} followed by {@code ld}: code goes at
 * the base address (0x80000000 by default, where the lab machine's RAM starts), then {@code .rodata}, {@code .data} and
 * {@code .bss}, each at the next 16-byte boundary (or its own stronger alignment).
 *
 * <pre>
 * Assembly program = Assembler.assemble("""
 *         li a0, 42
 *         ecall
 *         """);
 * machine.load(program.image());
 * </pre>
 *
 * All mistakes are reported together in one {@link AssemblyException}, each with its line and column.
 */
public final class Assembler {

    /** Where the lab machine's RAM starts, and so where code goes unless a cell says otherwise. */
    public static final int DEFAULT_BASE = 0x80000000;

    private Assembler() {
    }

    /** Assembles {@code source} with its code at {@link #DEFAULT_BASE}. */
    public static Assembly assemble(String source) {
        return assemble("assembly", source, DEFAULT_BASE);
    }

    /** Assembles {@code source} with its code at {@code base}. */
    public static Assembly assemble(String source, int base) {
        return assemble("assembly", source, base);
    }

    /**
     * Assembles {@code source}, calling the result {@code name} in displays and errors.
     *
     * @throws AssemblyException listing every mistake with its line and column
     */
    public static Assembly assemble(String name, String source, int base) {
        List<String> lines = source.lines().toList();
        List<String> blanked = Lexer.withoutBlockComments(source).lines().toList();
        List<AssemblyError> errors = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < blanked.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            for (List<Token> tokens : Lexer.statements(blanked.get(i), problem -> errors.add(
                    new AssemblyError(lineNumber, problem.column(), problem.offending(), problem.message(), line)))) {
                statements.add(Statement.parse(lineNumber, tokens));
            }
        }
        SymbolTable symbols = new SymbolTable();
        AssemblyPass sizing = run(AssemblyPass.Kind.SIZING, statements, symbols, lines);
        layOut(sizing, symbols, base);
        run(AssemblyPass.Kind.RESOLVING, statements, symbols, lines);
        AssemblyPass emitting = run(AssemblyPass.Kind.EMITTING, statements, symbols, lines);
        errors.addAll(emitting.errors);
        if (!errors.isEmpty()) {
            throw new AssemblyException(name, firstPerPlace(errors));
        }
        return new Assembly(name, emitting, symbols, lines);
    }

    /** Sorted by position, keeping only the first error at each place: a malformed number should not also be "out of range". */
    private static List<AssemblyError> firstPerPlace(List<AssemblyError> errors) {
        List<AssemblyError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(AssemblyError::line).thenComparingInt(AssemblyError::column));
        List<AssemblyError> kept = new ArrayList<>();
        for (AssemblyError error : sorted) {
            AssemblyError last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (last == null || last.line() != error.line() || last.column() != error.column()) {
                kept.add(error);
            }
        }
        return kept;
    }

    private static AssemblyPass run(AssemblyPass.Kind kind, List<Statement> statements, SymbolTable symbols, List<String> lines) {
        AssemblyPass pass = new AssemblyPass(kind, symbols, lines);
        for (Statement statement : statements) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("assembly interrupted");
            }
            pass.assemble(statement);
        }
        pass.finish();
        return pass;
    }

    /** Gives each section its address: code at the base, each further section at the next 16-byte (or stronger) boundary. */
    private static void layOut(AssemblyPass sizing, SymbolTable symbols, int base) {
        long address = base & 0xffffffffL;
        for (Section.Kind kind : Section.Kind.values()) {
            Section section = sizing.sections.get(kind);
            if (kind != Section.Kind.TEXT) {
                long alignment = Math.max(16, section.alignment);
                address = (address + alignment - 1) / alignment * alignment;
            }
            symbols.placeSection(kind, address);
            address += section.size();
        }
    }
}
