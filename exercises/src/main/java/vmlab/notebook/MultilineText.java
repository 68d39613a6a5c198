package vmlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * nbformat's "multiline string": either one string or a list of lines, each keeping its newline. Jupyter writes lists; we read
 * both and write lists, so our files diff cleanly against Jupyter's.
 */
public final class MultilineText {

    private MultilineText() {
    }

    /** The text, whichever form it is stored in; a missing or null one is empty. */
    public static String join(JsonNode text) {
        if (text == null || text.isNull() || text.isMissingNode()) {
            return "";
        }
        if (text.isTextual()) {
            return text.asText();
        }
        StringBuilder joined = new StringBuilder();
        text.forEach(line -> joined.append(line.asText()));
        return joined.toString();
    }

    static ArrayNode split(String text) {
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }
}
