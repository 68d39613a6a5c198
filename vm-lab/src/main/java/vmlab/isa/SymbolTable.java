package vmlab.isa;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a source defines: labels (an offset in a section, an address once the sections are laid out), numeric local
 * labels ({@code 1:}, used as {@code 1b}/{@code 1f}) and constants from {@code .equ}/{@code .set}. It lives across the
 * assembler's passes; the first pass fills it, the later ones read the final values.
 */
final class SymbolTable {

    record Label(Section.Kind section, int offset) {
    }

    private final Map<String, Label> labels = new LinkedHashMap<>();
    private final Map<String, Expression.Value> constants = new HashMap<>();
    /** Numeric local labels in source order: their number and position. */
    private final List<Map.Entry<String, Label>> locals = new ArrayList<>();
    private final Map<Section.Kind, Long> sectionAddresses = new EnumMap<>(Section.Kind.class);

    /** The size each statement had in the first pass, by identity: later passes must agree. */
    private final Map<Statement, Integer> sizes = new IdentityHashMap<>();

    void recordSize(Statement statement, int size) {
        sizes.put(statement, size);
    }

    int recordedSize(Statement statement) {
        return sizes.getOrDefault(statement, -1);
    }

    void placeSection(Section.Kind kind, long address) {
        sectionAddresses.put(kind, address);
    }

    long sectionAddress(Section.Kind kind) {
        return sectionAddresses.getOrDefault(kind, 0L);
    }

    /** Defines or re-defines a label; later passes overwrite the first pass's guess. */
    void defineLabel(String name, Label label) {
        labels.put(name, label);
    }

    boolean isLabel(String name) {
        return labels.containsKey(name);
    }

    Label label(String name) {
        return labels.get(name);
    }

    void defineConstant(String name, Expression.Value value) {
        constants.put(name, value);
    }

    /** Adds the {@code ordinal}-th numeric local label (only the first pass adds; later passes find it by ordinal). */
    void defineLocal(int ordinal, String number, Label label) {
        if (ordinal == locals.size()) {
            locals.add(Map.entry(number, label));
        } else {
            locals.set(ordinal, Map.entry(number, label));
        }
    }

    Expression.Value value(String name) {
        Label label = labels.get(name);
        if (label != null) {
            return new Expression.Value(address(label), true);
        }
        return constants.get(name);
    }

    /**
     * The target of {@code 1b} or {@code 1f} seen from a statement that follows {@code ordinal} local-label definitions:
     * {@code b} is the closest definition before, {@code f} the closest one after.
     */
    Expression.Value local(String reference, int ordinal) {
        String number = reference.substring(0, reference.length() - 1);
        if (reference.endsWith("b")) {
            for (int i = Math.min(ordinal, locals.size()) - 1; i >= 0; i--) {
                if (locals.get(i).getKey().equals(number)) {
                    return new Expression.Value(address(locals.get(i).getValue()), true);
                }
            }
        } else {
            for (int i = ordinal; i < locals.size(); i++) {
                if (locals.get(i).getKey().equals(number)) {
                    return new Expression.Value(address(locals.get(i).getValue()), true);
                }
            }
        }
        return null;
    }

    long address(Label label) {
        return sectionAddress(label.section()) + label.offset();
    }

    /** Every named label with its address (local numeric labels and .equ constants are not addresses of anything named). */
    Map<String, Integer> addresses() {
        Map<String, Integer> out = new LinkedHashMap<>();
        labels.forEach((name, label) -> out.put(name, (int) address(label)));
        return out;
    }
}
