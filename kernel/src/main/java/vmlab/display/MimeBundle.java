package vmlab.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object in several formats, as Jupyter shows it: {@code data} maps a MIME type to its content (a string; images
 * base64-encoded) and {@code metadata} maps a MIME type to facts about it, such as an image's width and height.
 */
public final class MimeBundle {

    private final Map<String, String> data = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();

    public static MimeBundle text(String text) {
        return new MimeBundle().with("text/plain", text);
    }

    public MimeBundle with(String mimeType, String content) {
        data.put(mimeType, content);
        return this;
    }

    public MimeBundle withMetadata(String mimeType, String key, Object value) {
        metadata.computeIfAbsent(mimeType, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    public Map<String, Map<String, Object>> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public String toString() {
        return data.getOrDefault("text/plain", data.keySet().toString());
    }
}
