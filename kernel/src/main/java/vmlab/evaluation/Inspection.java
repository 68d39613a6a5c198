package vmlab.evaluation;

import java.util.List;

/** What is known about the name at the cursor: its signatures, each with its javadoc where the JDK or jar ships sources. */
public record Inspection(List<Entry> entries) {

    public record Entry(String signature, String javadoc) {
    }

    public boolean found() {
        return !entries.isEmpty();
    }

    /** Plain text for Jupyter's inspector pane. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(e.signature());
            if (e.javadoc() != null && !e.javadoc().isBlank()) {
                out.append("\n\n").append(e.javadoc().strip());
            }
        }
        return out.toString();
    }
}
