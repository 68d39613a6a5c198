package vmlab.isa;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a source has mistakes; it carries all of them, in source order, not just the first. */
public final class AssemblyException extends RuntimeException {

    private final transient List<AssemblyError> errors;

    public AssemblyException(String sourceName, List<AssemblyError> errors) {
        super(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in " + sourceName + ":\n"
                + errors.stream().map(AssemblyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<AssemblyError> errors() {
        return errors;
    }
}
