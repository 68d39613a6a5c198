package vmlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCommandTest {

    @Test
    void buildListAndExtractRoundTripAFolder(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("hello.txt"), "hello, labOS\n");
        Files.write(in.resolve("blob"), new byte[2000]);
        Path image = dir.resolve("disk.img");
        assertEquals(0, VmLab.commandLine().execute("disk", "build", in.toString(), image.toString(), "--sectors", "100"));
        assertEquals(100 * 512, Files.size(image));
        String listing = captureOut(() -> VmLab.commandLine().execute("disk", "list", image.toString()));
        assertTrue(listing.contains("      13  hello.txt"), listing);
        assertTrue(listing.contains("    2000  blob"), listing);
        assertEquals(0, VmLab.commandLine().execute("disk", "extract", image.toString(), dir.resolve("out").toString()));
        assertArrayEquals(Files.readAllBytes(in.resolve("hello.txt")), Files.readAllBytes(dir.resolve("out/hello.txt")));
        assertArrayEquals(new byte[2000], Files.readAllBytes(dir.resolve("out/blob")));
    }

    @Test
    void aCorruptedImageGivesExitTwoAndAMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("bad.img");
        Files.write(image, new byte[8192]);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, VmLab.commandLine().execute("disk", "list", image.toString()));
        } finally {
            System.setErr(err);
        }
        String message = captured.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("vmlab disk list: " + image + ": sector 0 bytes 0-7"), message);
        assertTrue(!message.contains("\tat "), message);
    }

    private static String captureOut(Runnable action) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
