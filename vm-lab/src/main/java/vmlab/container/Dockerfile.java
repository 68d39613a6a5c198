package vmlab.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The subset of a Dockerfile the lab's builder understands: {@code FROM}, {@code COPY}, {@code RUN}, {@code ENV},
 * {@code WORKDIR}, {@code ENTRYPOINT}, {@code CMD} and {@code LABEL}, with comments and backslash continuations. The
 * lab has no shell, so {@code RUN}, {@code CMD} and {@code ENTRYPOINT} in shell form are split at spaces; the exec
 * form ({@code ["prog", "arg"]}) is read as JSON. A mistake is refused with its line number.
 */
public record Dockerfile(String name, List<Step> steps) {
    /** One instruction, with the line it starts on. */
    public record Step(int line, String keyword, String arguments) {
        @Override
        public String toString() {
            return keyword + " " + arguments;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("FROM", "COPY", "RUN", "ENV", "WORKDIR", "ENTRYPOINT", "CMD",
            "LABEL");

    public Dockerfile {
        steps = List.copyOf(steps);
    }

    /** Parses {@code text}; {@code name} (a path) is used in messages. */
    public static Dockerfile parse(String text, String name) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            StringBuilder whole = new StringBuilder();
            while (line.endsWith("\\")) {
                whole.append(line, 0, line.length() - 1).append(' ');
                if (++i >= lines.length) {
                    throw error(name, first, "the file ends inside a continued line");
                }
                line = lines[i].strip();
            }
            whole.append(line);
            String[] parts = whole.toString().strip().split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            if (!KEYWORDS.contains(keyword)) {
                throw error(name, first, "unknown instruction " + parts[0] + " (the lab's builder knows "
                        + String.join(", ", KEYWORDS.stream().sorted().toList()) + ")");
            }
            String arguments = parts.length > 1 ? parts[1].strip() : "";
            if (arguments.isEmpty()) {
                throw error(name, first, keyword + " needs arguments");
            }
            if (steps.isEmpty() != keyword.equals("FROM")) {
                throw error(name, first, steps.isEmpty() ? "the first instruction must be FROM, not " + keyword
                        : "only one FROM is supported (no multi-stage builds)");
            }
            steps.add(new Step(first, keyword, arguments));
        }
        if (steps.isEmpty()) {
            throw new ContainerException(ContainerException.DAEMON, name + ": the Dockerfile has no instructions");
        }
        return new Dockerfile(name, steps);
    }

    /** A command in exec form (a JSON list of strings) or shell form (split at spaces, as the lab has no shell). */
    static List<String> command(String name, Step step) {
        String a = step.arguments();
        if (!a.startsWith("[")) {
            return List.of(a.split("\\s+"));
        }
        try {
            com.fasterxml.jackson.databind.JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a);
            List<String> words = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode w : list) {
                if (!w.isTextual()) {
                    throw error(name, step.line(), step.keyword() + ": the exec form is a list of strings");
                }
                words.add(w.asText());
            }
            if (!list.isArray() || words.isEmpty()) {
                throw error(name, step.line(), step.keyword() + ": the exec form needs a non-empty list");
            }
            return words;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw error(name, step.line(), step.keyword() + ": the exec form is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** NAME=VALUE pairs ("ENV A=1 B=2", "LABEL a=b"), or the older "ENV NAME VALUE". Quotes around values are removed. */
    static List<String[]> pairs(String name, Step step) {
        List<String[]> pairs = new ArrayList<>();
        String a = step.arguments();
        if (!a.split("\\s+")[0].contains("=")) {
            String[] old = a.split("\\s+", 2);
            if (old.length < 2) {
                throw error(name, step.line(), step.keyword() + " needs NAME=VALUE");
            }
            pairs.add(new String[]{old[0], unquote(old[1])});
            return pairs;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^\\s=]+)=(\"[^\"]*\"|\\S*)").matcher(a);
        int end = 0;
        while (m.find()) {
            if (!a.substring(end, m.start()).isBlank()) {
                break;
            }
            pairs.add(new String[]{m.group(1), unquote(m.group(2))});
            end = m.end();
        }
        if (!a.substring(end).isBlank()) {
            throw error(name, step.line(), step.keyword() + ": cannot read '" + a.substring(end).strip()
                    + "' (expected NAME=VALUE)");
        }
        return pairs;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static ContainerException error(String name, int line, String what) {
        return new ContainerException(ContainerException.DAEMON, name + " line " + line + ": " + what);
    }
}
