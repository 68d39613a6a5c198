package vmlab.html;

/** Text made safe to put inside HTML, and the labelled lines a card lists its facts in. */
public final class HtmlText {

    private HtmlText() {
    }

    /**
     * The text as HTML element content: {@code &}, {@code <} and {@code >} become entities, so no text can open a tag
     * or an entity, and the browser shows exactly the characters given. Quotes are left alone (they mean nothing
     * between tags); use {@link #attribute} inside an attribute value. A null text is shown as nothing.
     */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The text as an attribute value, in double or single quotes: {@link #escape} plus both quote characters, so the
     * value cannot end the attribute early. A null text is the empty value.
     */
    public static String attribute(String text) {
        return escape(text).replace("\"", "&quot;").replace("'", "&#39;");
    }

    /**
     * One line of a card: the label (escaped) in a column wide enough that the values of consecutive lines start at the
     * same place, then the value, which is HTML already, then a line break.
     */
    public static String labelled(String label, String valueHtml) {
        return "<span style=\"display:inline-block;min-width:11em\">" + escape(label) + "</span>" + valueHtml + "<br>";
    }
}
