package vmlab.cloud;

/** The few HTML pieces the cloud's lab objects render with. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String row(String label, String value) {
        return "<span style=\"display:inline-block;min-width:11em\">" + escape(label) + "</span>" + value + "<br>";
    }
}
