package vmlab.grading;

import java.util.Arrays;
import java.util.stream.Collectors;

/** When a student sees a test's result on Gradescope (its {@code visibility} field). Hidden tests are shown after publishing. */
public enum Visibility {
    VISIBLE("visible"), HIDDEN("hidden"), AFTER_DUE_DATE("after_due_date"), AFTER_PUBLISHED("after_published");

    private final String gradescope;

    Visibility(String gradescope) {
        this.gradescope = gradescope;
    }

    public String gradescope() {
        return gradescope;
    }

    static Visibility parse(String text, String where) {
        return Arrays.stream(values()).filter(v -> v.gradescope.equals(text)).findFirst()
                .orElseThrow(() -> new AssignmentException(where + ": metadata.vmlab.visibility is '" + text + "'; use one of "
                        + Arrays.stream(values()).map(Visibility::gradescope).collect(Collectors.joining(", "))));
    }
}
