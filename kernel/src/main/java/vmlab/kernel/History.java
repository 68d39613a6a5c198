package vmlab.kernel;

import vmlab.jupyter.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran, for history_request (the base never replied to it). Kept in memory for the session:
 * tail (the last n), range (by line numbers) and search (a glob such as {@code *Lab*}).
 */
final class History {

    /** One executed cell: its line is the execution count; output is the text/plain of its result, if any. */
    record Entry(int line, String input, String output) {
    }

    static final int SESSION = 1;

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    /** The reply content's {@code history} array for a request's content. */
    synchronized ArrayNode answer(JsonNode request) {
        boolean output = request.path("output").asBoolean(false);
        List<Entry> selected = switch (request.path("hist_access_type").asText("tail")) {
            case "range" -> range(request.path("start").asInt(0), request.path("stop").asInt(Integer.MAX_VALUE));
            case "search" -> search(request.path("pattern").asText("*"), request.path("unique").asBoolean(false),
                    request.path("n").asInt(0));
            default -> last(entries, request.path("n").asInt(10));
        };
        ArrayNode history = Json.array();
        for (Entry e : selected) {
            ArrayNode item = history.addArray().add(SESSION).add(e.line());
            if (output) {
                item.addArray().add(e.input()).add(e.output());
            } else {
                item.add(e.input());
            }
        }
        return history;
    }

    private List<Entry> range(int start, int stop) {
        return entries.stream().filter(e -> e.line() >= start && e.line() < stop).toList();
    }

    private List<Entry> search(String glob, boolean unique, int n) {
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> found = entries.stream().filter(e -> pattern.matcher(e.input()).matches()).toList();
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : found) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            found = new ArrayList<>(latest.values());
        }
        return n > 0 ? last(found, n) : found;
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return List.copyOf(list.subList(Math.max(0, list.size() - Math.max(0, n)), list.size()));
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
