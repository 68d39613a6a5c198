package vmlab.evaluation;

/** Jupyter's is_complete answer: complete, incomplete (with the indent of the next line), invalid, or unknown. */
public record Completeness(String status, String indent) {

    static Completeness complete() {
        return new Completeness("complete", "");
    }

    static Completeness incomplete(String indent) {
        return new Completeness("incomplete", indent);
    }

    static Completeness invalid() {
        return new Completeness("invalid", "");
    }
}
