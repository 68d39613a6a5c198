package vmlab.isa;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over the parsed source. The assembler runs three: the first finds every label's offset (unknown symbols count
 * as 0), the second recomputes constants now that sections have addresses, the third emits the bytes and reports errors.
 * Every pass produces the same sizes, so a label has the same address in all of them.
 */
final class AssemblyPass implements Expression.Context {

    enum Kind { SIZING, RESOLVING, EMITTING }

    /** One listing line: where a statement's bytes went. */
    record Placed(Section.Kind section, int from, int to, int line) {
    }

    final Kind kind;
    final SymbolTable symbols;
    final Map<Section.Kind, Section> sections = new EnumMap<>(Section.Kind.class);
    final List<AssemblyError> errors = new ArrayList<>();
    final List<Placed> placed = new ArrayList<>();
    /** The full distance each {@code %pcrel_hi} refers to, by the address of its auipc, for {@code %pcrel_lo(label)}. */
    private final Map<Long, Long> pcrelDistances = new HashMap<>();
    private final Set<String> labelsSeen = new HashSet<>();
    private final List<String> sourceLines;
    Section current;
    private int localOrdinal;
    private boolean sizeChanged;
    private long here;

    AssemblyPass(Kind kind, SymbolTable symbols, List<String> sourceLines) {
        this.kind = kind;
        this.symbols = symbols;
        this.sourceLines = sourceLines;
        for (Section.Kind k : Section.Kind.values()) {
            Section section = new Section(k);
            section.address = symbols.sectionAddress(k);
            sections.put(k, section);
        }
        current = sections.get(Section.Kind.TEXT);
    }

    void assemble(Statement statement) {
        here = current.address + current.size();
        Section.Kind startSection = current.kind;
        int start = current.size();
        int errorsBefore = errors.size();
        try {
            for (Token label : statement.labels()) {
                defineLabel(statement, label);
            }
            if (statement.mnemonic() != null) {
                Operands ops = new Operands(statement, this);
                String name = statement.mnemonic().text().toLowerCase();
                if (name.startsWith(".")) {
                    Directives.apply(name, statement, ops, this);
                } else {
                    emitInstructions(name, statement, ops);
                }
            }
        } catch (OperandException e) {
            error(statement.line(), e.column, e.offending, e.getMessage());
        } catch (RuntimeException bug) {
            // a bug of ours must still come out as a message on the line that triggered it, never as a crash of the cell
            int column = statement.mnemonic() == null ? 1 : statement.mnemonic().column();
            error(statement.line(), column, "", "internal assembler error (please report): " + bug);
        }
        if (current.kind == startSection && current.size() > start) {
            placed.add(new Placed(startSection, start, current.size(), statement.line()));
        }
        if (errors.size() == errorsBefore) {
            checkSizeAsInFirstPass(statement, current.kind == startSection ? current.size() - start : -1);
        }
    }

    /**
     * Every pass must give a statement the same size, or labels after it would move. That happens only when a size depends
     * on a symbol defined later (li with a later .equ), which GNU as rejects too; say so on the line that causes it.
     */
    private void checkSizeAsInFirstPass(Statement statement, int size) {
        if (kind == Kind.SIZING) {
            symbols.recordSize(statement, size);
        } else if (kind == Kind.EMITTING && size != symbols.recordedSize(statement) && !sizeChanged) {
            sizeChanged = true;
            int column = statement.mnemonic() == null ? 1 : statement.mnemonic().column();
            error(statement.line(), column, statement.mnemonic() == null ? "" : statement.mnemonic().text(),
                    "the size of this line depends on a symbol defined after it; define .equ constants before using them"
                            + " in li, .space or .align");
        }
    }

    /** Like GNU as, pads the end of the code to the code's alignment with nops, so the next section starts aligned. */
    void finish() {
        Section text = sections.get(Section.Kind.TEXT);
        while (text.size() % text.alignment != 0) {
            if (text.size() % 4 == 0) {
                text.emitLittleEndian(Directives.NOP, 4);
            } else {
                text.emit((byte) 0);
            }
        }
    }

    private void defineLabel(Statement statement, Token label) {
        SymbolTable.Label position = new SymbolTable.Label(current.kind, current.size());
        if (label.kind() == Token.Kind.NUMBER) {
            symbols.defineLocal(localOrdinal++, label.text(), position);
            return;
        }
        if (!labelsSeen.add(label.text())) {
            throw OperandException.at(label, "label '" + label.text() + "' is already defined");
        }
        if (Register.parse(label.text()).isPresent()) {
            throw OperandException.at(label, "'" + label.text() + "' is a register name and cannot be a label");
        }
        if (kind == Kind.EMITTING) {
            SymbolTable.Label before = symbols.label(label.text());
            if (before != null && !before.equals(position) && !sizeChanged) {
                throw OperandException.at(label, "label '" + label.text() + "' moved between passes: a size on an earlier line"
                        + " depends on a symbol defined later (define .equ constants before using them in li or .space)");
            }
        }
        symbols.defineLabel(label.text(), position);
    }

    private void emitInstructions(String name, Statement statement, Operands ops) {
        String base = name;
        int ordering = 0;
        for (String suffix : List.of(".aqrl", ".aq", ".rl")) {
            if (name.endsWith(suffix) && Instruction.named(name.substring(0, name.length() - suffix.length()))
                    .filter(in -> in.format == Format.R_ATOMIC || in.format == Format.R_RESERVE).isPresent()) {
                base = name.substring(0, name.length() - suffix.length());
                ordering = suffix.equals(".aqrl") ? 3 : suffix.equals(".aq") ? 2 : 1;
                break;
            }
        }
        Optional<Instruction> real = Instruction.named(base);
        List<Emission> emissions;
        if (real.isPresent()) {
            Instruction in = real.get();
            boolean symbolAddress = (in.format == Format.S || (in.format == Format.I_OFFSET && in != Instruction.JALR))
                    && ops.count() >= 2 && !ops.looksLikeMemory(1);
            emissions = symbolAddress ? Pseudo.symbolAccess(in, ops) : InstructionSyntax.read(in, ordering, ops);
        } else {
            emissions = Pseudo.expand(name, ops).orElseThrow(() -> OperandException.at(statement.mnemonic(),
                    "unknown instruction '" + statement.mnemonic().text() + "'"));
        }
        if (current.kind == Section.Kind.BSS) {
            throw OperandException.at(statement.mnemonic(), "instructions cannot go in .bss (it holds only zeros)");
        }
        for (Emission emission : emissions) {
            int word = 0;
            try {
                word = emission.encode();
            } catch (OperandException e) {
                if (kind == Kind.EMITTING) {
                    throw e;
                }
                // earlier passes guess unknown addresses as 0, so offsets may not fit yet; only the size matters there
            }
            current.emitLittleEndian(word, 4);
        }
    }

    void error(int line, int column, String offending, String message) {
        if (kind == Kind.EMITTING) {
            errors.add(new AssemblyError(line, column, offending, message, sourceLines.get(line - 1)));
        }
    }

    void switchTo(Section.Kind section) {
        current = sections.get(section);
    }

    // Expression.Context

    @Override
    public Expression.Value symbol(String name) {
        return symbols.value(name);
    }

    @Override
    public Expression.Value localLabel(String reference) {
        return symbols.local(reference, localOrdinal);
    }

    @Override
    public long here() {
        return here;
    }

    @Override
    public void pcrelHi(long distance) {
        pcrelDistances.put(here, distance);
    }

    @Override
    public Long pcrelDistanceAt(long auipcAddress) {
        return pcrelDistances.get(auipcAddress);
    }

    @Override
    public boolean firstPass() {
        return kind != Kind.EMITTING;
    }
}
