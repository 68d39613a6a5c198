package vmlab.container;

/** The little HTML the container lab objects need for their notebook cards. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static void row(StringBuilder b, String key, String value) {
        b.append("<tr><td style='padding-right:1em;color:#555'>").append(escape(key)).append("</td><td><code>")
                .append(escape(value).replace("\n", "<br>")).append("</code></td></tr>");
    }
}
