package vmlab.kernel;

import vmlab.jupyter.JupyterMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The kernel_info_reply content, with the {@code status} the base left out (clients that check it saw a failure). */
final class KernelInfo {

    private KernelInfo() {
    }

    static String version() {
        String v = KernelInfo.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    static String banner() {
        return "VM Lab " + version() + " - Java " + System.getProperty("java.version")
                + " with JShell; lab packages, Tablesaw and display(...) are imported in every cell";
    }

    static ObjectNode content() {
        ObjectNode content = JupyterMessage.object()
                .put("status", "ok")
                .put("protocol_version", JupyterMessage.PROTOCOL_VERSION)
                .put("implementation", "vmlab")
                .put("implementation_version", version())
                .put("banner", banner())
                .put("debugger", false);
        content.putObject("language_info")
                .put("name", "java")
                .put("version", System.getProperty("java.specification.version"))
                .put("mimetype", "text/x-java-source")
                .put("file_extension", ".jshell")
                .put("pygments_lexer", "java")
                .put("codemirror_mode", "java");
        content.putArray("help_links").addObject()
                .put("text", "Java " + System.getProperty("java.specification.version") + " API")
                .put("url", "https://docs.oracle.com/en/java/javase/" + System.getProperty("java.specification.version") + "/docs/api/");
        return content;
    }
}
