package vmlab.container;

import java.util.List;
import java.util.Map;

/** Writes the maps, lists, strings, numbers and booleans of {@code inspect} as indented JSON. */
final class InspectJson {
    private InspectJson() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, "");
        return b.toString();
    }

    private static void write(StringBuilder b, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            b.append("{");
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "\n" : ",\n").append(inner);
                string(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), inner);
                first = false;
            }
            b.append(first ? "}" : "\n" + indent + "}");
        } else if (value instanceof List<?> list) {
            b.append("[");
            for (int k = 0; k < list.size(); k++) {
                b.append(k == 0 ? "" : ", ");
                write(b, list.get(k), indent);
            }
            b.append("]");
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else {
            string(b, String.valueOf(value));
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
