package vmlab.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outputs that a kernel may still update, by display_id. A live chart shows one display and then sends
 * {@code update_display_data} with the same id as rows arrive, possibly from a later cell; the update rewrites the earlier output
 * in place, so the saved notebook keeps the chart's final state, as Jupyter and nbclient do.
 *
 * <p>Share one instance across the cells of a notebook so updates reach earlier cells; each execution gets its own by default.
 */
public final class LiveDisplays {

    private final Map<String, List<ObjectNode>> byId = new HashMap<>();

    /** Remembers that {@code output} (a display_data or execute_result) shows the display {@code displayId}. */
    void register(String displayId, ObjectNode output) {
        byId.computeIfAbsent(displayId, id -> new ArrayList<>()).add(output);
    }

    /** Rewrites the data and metadata of every output showing {@code displayId}; returns how many it updated. */
    int update(String displayId, ObjectNode data, ObjectNode metadata) {
        List<ObjectNode> outputs = byId.getOrDefault(displayId, List.of());
        for (ObjectNode output : outputs) {
            output.set("data", data.deepCopy());
            output.set("metadata", metadata.deepCopy());
        }
        return outputs.size();
    }

    /** Forgets outputs that a clear_output removed from their cell, so later updates do not touch detached outputs. */
    void forget(List<ObjectNode> cleared) {
        Set<ObjectNode> gone = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(cleared);
        byId.values().forEach(outputs -> outputs.removeIf(gone::contains));
    }

    /** The display ids seen so far. */
    public Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }
}
