package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code vmlab --version} names the JDK, and a JDK older than 17 gets one line, not a stack trace. */
class VersionTest {

    @Test
    void versionNamesTheJdkItsVendorAndWhereItIs() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, VmLab.commandLine().execute("--version"));
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("vmlab "), text);
        assertTrue(text.contains("Java " + System.getProperty("java.version")), text);
        assertTrue(text.contains(System.getProperty("java.vendor")), text);
        assertTrue(text.contains(System.getProperty("java.home")), text);
    }

    @Test
    void javaOlderThan17GetsOneLineThatSaysWhatToDo() {
        for (String old : new String[] {"1.8", "9", "11", "16"}) {
            String message = VmLabLauncher.tooOld(old, "/opt/old-jdk");
            assertTrue(message != null && message.contains("needs Java 17 or later") && message.contains("/opt/old-jdk"), old);
            assertFalse(message.contains("\n"), "one line");
        }
        for (String fine : new String[] {"17", "21", "25", "26"}) {
            assertNull(VmLabLauncher.tooOld(fine, "/opt/jdk"), fine);
        }
    }

    @Test
    void theLauncherClassLoadsOnJava8() throws IOException {
        // Class file major version 52 is Java 8: an older JVM can load the entry point and print the message above.
        try (InputStream in = VmLabLauncher.class.getResourceAsStream("VmLabLauncher.class");
             DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();
            assertEquals(52, data.readUnsignedShort());
        }
    }
}
